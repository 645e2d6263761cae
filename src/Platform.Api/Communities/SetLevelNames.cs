using GraphQL;
using GraphQL.Types;
using Marten;
using Platform.Api.Communities.Graph;
using Platform.Api.GraphQL.Schema;
using Platform.Api.Identity;
using Platform.Api.Infrastructure;

namespace Platform.Api.Communities;

public sealed record SetLevelNames(Guid CommunityId, IReadOnlyList<string> Names, Guid SetBy);

public static class SetLevelNamesField
{
    public static void AddSetLevelNames(this ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<CommunityGraphType>>("setLevelNames")
            .Argument<NonNullGraphType<IdGraphType>>("communityId")
            .Argument<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("names")
            .AllowOwn(CommunitiesAccess.Creator("communityId"), Audience.Creator)
            .ResolveAsync(async c =>
            {
                var id = c.IdArgument("communityId");
                await c.Commands().InvokeAsync(new SetLevelNames(id, c.GetArgument<List<string>>("names"), c.UserId()), c.CancellationToken);
                return await CommunityReads.Current(c, id);
            });
}

public static class SetLevelNamesHandler
{
    public static async Task Handle(SetLevelNames command, IDocumentSession session, TimeProvider clock, CancellationToken cancellation)
    {
        var stream = await session.Events.FetchForWriting<Community>(command.CommunityId, cancellation);
        if (stream.Aggregate is null) throw DomainException.NotFound("The community");
        stream.AppendMany(Community.NameLevels(command, clock.GetUtcNow()));
    }
}
