using GraphQL.Types;
using Marten;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;

namespace Platform.Api.Identity;

public static class IdentityConfiguration
{
    /// <summary>The module's table of contents. JWT bearer authentication, pinned to asymmetric algorithms with tight validation, in either mode.</summary>
    public static WebApplicationBuilder AddPlatformIdentity(this WebApplicationBuilder builder)
    {
        var auth = builder.Configuration.GetSection("Auth").Get<AuthOptions>() ?? new AuthOptions();
        builder.Services.AddSingleton(auth);
        builder.Services.ConfigureMarten(options => options.Schema.For<AdminRoster>().UseOptimisticConcurrency(true));
        builder.Services.AddSingleton<TokenValidator>();
        builder.Services.AddAuthorization();
        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(options =>
        {
            options.MapInboundClaims = false;
            options.TokenValidationParameters = new TokenValidationParameters
            {
                ValidateIssuer = true,
                ValidateAudience = true,
                ValidAudience = auth.Audience,
                ValidateLifetime = true,
                RequireExpirationTime = true,
                RequireSignedTokens = true,
                ValidateIssuerSigningKey = true,
                ClockSkew = TimeSpan.FromSeconds(30),
                ValidAlgorithms = auth.IsEmbedded
                    ? [SecurityAlgorithms.RsaSha256]
                    : [SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512,
                       SecurityAlgorithms.EcdsaSha256, SecurityAlgorithms.EcdsaSha384, SecurityAlgorithms.RsaSsaPssSha256],
                NameClaimType = "name",
                RoleClaimType = "roles",
            };
            if (auth.IsEmbedded)
            {
                options.TokenValidationParameters.ValidIssuer = EmbeddedIssuer.Issuer;
                options.TokenValidationParameters.IssuerSigningKey = EmbeddedIssuer.LoadOrCreate(auth.KeyPath).Key;
            }
            else
            {
                options.Authority = auth.Authority ?? throw new InvalidOperationException("Auth__Authority is required when Auth__Mode is oidc.");
                options.Audience = auth.Audience;
                options.RequireHttpsMetadata = auth.RequireHttpsMetadata;
            }
        });
        return builder;
    }

    public static void AddIdentityQueries(this ObjectGraphType query)
    {
        query.AddMeQuery();
        query.AddDashboardQuery();
        query.AddProfileQuery();
        query.AddUsersQuery();
    }

    public static void AddIdentityMutations(this ObjectGraphType mutation)
    {
        mutation.AddUpdateProfile();
        mutation.AddGrantRole();
        mutation.AddRevokeRole();
    }
}
