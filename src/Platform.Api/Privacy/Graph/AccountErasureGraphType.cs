using GraphQL.Types;
using Platform.Projections.Identity;

namespace Platform.Api.Privacy.Graph;

/// <summary>What is left of an erased account to show: its id and when. Nothing else of the person remains readable.</summary>
public sealed class AccountErasureGraphType : ObjectGraphType<UserAccount>
{
    public AccountErasureGraphType()
    {
        Name = "AccountErasure";
        Field<NonNullGraphType<IdGraphType>>("userId").Resolve(c => c.Source.Id);
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("erasedAt").Resolve(c => c.Source.ErasedAt);
    }
}
