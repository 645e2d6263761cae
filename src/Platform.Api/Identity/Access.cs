using GraphQL;
using GraphQL.Builders;
using GraphQL.Instrumentation;
using GraphQL.Resolvers;
using GraphQL.Utilities;
using GraphQLParser.AST;
using GraphQL.Types;
using Platform.Api.Infrastructure;

namespace Platform.Api.Identity;

/// <summary>A cell of the access matrix: never, only on the caller's own objects, or on any object.</summary>
public enum Access { No, Own, Yes }

/// <summary>What "own" means for one operation: a check on the caller and the field's arguments or source.</summary>
public sealed record Ownership(string Meaning, Func<IResolveFieldContext, Caller, Task<bool>> IsOwner, bool HideOthers = false);

/// <summary>Who may call a field, declared on the field itself; a root field without one is denied.</summary>
public sealed class FieldAccess
{
    public const string MetadataKey = "platform.access";

    public Dictionary<Audience, Access> Columns { get; } = Enum.GetValues<Audience>().ToDictionary(a => a, _ => Access.No);
    public Ownership? Ownership { get; set; }

    /// <summary>A caller in several columns gets the widest access any of them allows.</summary>
    public Access For(IEnumerable<Audience> audiences) => audiences.Select(a => Columns[a]).DefaultIfEmpty(Access.No).Max();
}

public static class AccessDeclarations
{
    public static readonly Audience[] SignedIn = [Audience.Member, Audience.Creator, Audience.Moderator, Audience.Admin, Audience.Finance];
    public static readonly Audience[] Everyone = [Audience.Anonymous, .. SignedIn];

    /// <summary>These columns may call the field on any object.</summary>
    public static FieldBuilder<TSource, TReturn> Allow<TSource, TReturn>(this FieldBuilder<TSource, TReturn> field, params Audience[] audiences)
    {
        var access = field.FieldType.AccessOrNew();
        foreach (var audience in audiences) access.Columns[audience] = Access.Yes;
        return field;
    }

    /// <summary>These columns may call the field on objects that pass <paramref name="ownership"/> (a column already allowed everything keeps it).</summary>
    public static FieldBuilder<TSource, TReturn> AllowOwn<TSource, TReturn>(
        this FieldBuilder<TSource, TReturn> field, Ownership ownership, params Audience[] audiences)
    {
        var access = field.FieldType.AccessOrNew();
        access.Ownership = ownership;
        foreach (var audience in audiences.Where(a => access.Columns[a] == Access.No)) access.Columns[audience] = Access.Own;
        return field;
    }

    public static FieldAccess? AccessOf(this IFieldType field) => field.GetMetadata<FieldAccess?>(FieldAccess.MetadataKey);

    private static FieldAccess AccessOrNew(this FieldType field)
    {
        if (field.AccessOf() is { } existing) return existing;
        var access = new FieldAccess();
        field.WithMetadata(FieldAccess.MetadataKey, access);
        return access;
    }
}

/// <summary>
/// The one place where access is decided: before any resolver runs, the caller's columns are checked
/// against the field's declaration, and "own" against the field's ownership rule. Deny by default:
/// a root field that declares nothing is refused. Nested fields may declare rules of their own.
/// </summary>
public sealed class AuthorizationMiddleware : IFieldMiddleware
{
    public async ValueTask<object?> ResolveAsync(IResolveFieldContext context, FieldMiddlewareDelegate next)
    {
        // A subscription's root field was authorized once, when its stream was opened (see SubscriptionAuthorization).
        if (!(context.Operation.Operation == OperationType.Subscription && context.Path.Count() == 1)) await Authorize(context);
        return await next(context);
    }

    public static async Task Authorize(IResolveFieldContext context)
    {
        var declared = context.FieldDefinition.AccessOf();
        if (declared is null)
        {
            if (context.Path.Count() > 1) return; // a nested field without a rule inherits its parent's
            throw new DomainException(ErrorCodes.Forbidden, $"'{context.FieldDefinition.Name}' declares no access rule.");
        }
        var caller = context.RequestServices!.GetRequiredService<Caller>();
        switch (declared.For(caller.Audiences))
        {
            case Access.Yes:
                return;
            case Access.Own when await declared.Ownership!.IsOwner(context, caller):
                return;
            case Access.Own when declared.Ownership!.HideOthers:
                throw DomainException.NotFound("That");
            case Access.No when !caller.IsSignedIn:
                throw new DomainException(ErrorCodes.Unauthenticated, "Sign in to do this.");
            default:
                throw new DomainException(ErrorCodes.Forbidden, $"You may not use '{context.FieldDefinition.Name}' here.");
        }
    }
}

/// <summary>
/// Field middleware wraps a field's resolver, not its stream resolver: this puts the same check in front of
/// every subscription's stream, so a refused subscribe fails at once instead of leaking each event's timing.
/// </summary>
public sealed class SubscriptionAuthorization : BaseSchemaNodeVisitor
{
    public override void VisitObjectFieldDefinition(FieldType field, IObjectGraphType type, ISchema schema)
    {
        if (field.StreamResolver is not { } inner) return;
        field.StreamResolver = new SourceStreamResolver<object?>(async context =>
        {
            await AuthorizationMiddleware.Authorize(context);
            return await inner.ResolveAsync(context);
        });
    }
}
