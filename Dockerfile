# The API image; docker-compose.yml runs it beside PostgreSQL 15.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
# ReadyToRun (set in the project) publishes for a runtime identifier: the build stage's own, which is the image's.
RUN dotnet publish src/Platform.Api/Platform.Api.csproj -c Release --use-current-runtime -o /app --nologo -p:BuildGraphiQL=false

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app .
ENV ASPNETCORE_ENVIRONMENT=Production
EXPOSE 5080
ENTRYPOINT ["dotnet", "Platform.Api.dll"]
