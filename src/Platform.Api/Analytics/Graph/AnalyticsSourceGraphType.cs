using GraphQL.Types;

namespace Platform.Api.Analytics.Graph;

public sealed class AnalyticsSourceGraphType : ObjectGraphType<Contribution>
{
    public AnalyticsSourceGraphType()
    {
        Name = "AnalyticsSource";
        Description = "One purchase, subscription, enrolment or membership counted in a figure, and what it adds to it.";
        Field<NonNullGraphType<EnumerationGraphType<Figure>>>("figure").Resolve(c => c.Source.Figure);
        Field(s => s.Key);
        Field<NonNullGraphType<EnumerationGraphType<SourceKind>>>("kind").Resolve(c => c.Source.Kind);
        Field<NonNullGraphType<IdGraphType>>("sourceId").Description("The purchase, subscription, enrolment or membership id (its audit trail).").Resolve(c => c.Source.SourceId);
        Field<NonNullGraphType<IdGraphType>>("userId").Resolve(c => c.Source.UserId);
        Field(s => s.At);
        Field(s => s.Value).Description("Minor units for money figures, 1 for counts.");
    }
}
