using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Platform.Api.Identity;

/// <summary>Validates a bearer token outside the HTTP pipeline (the WebSocket connection_init payload) with the same rules.</summary>
public sealed class TokenValidator(IOptionsMonitor<JwtBearerOptions> bearer)
{
    private readonly JsonWebTokenHandler handler = new() { MapInboundClaims = false };

    public async Task<ClaimsPrincipal?> ValidateAsync(string token, CancellationToken cancellation)
    {
        var options = bearer.Get(JwtBearerDefaults.AuthenticationScheme);
        var result = await Validate(token, options, cancellation);
        // The provider may have rotated its keys since they were cached: refresh once, as the HTTP handler does.
        if (result is { IsValid: false, Exception: SecurityTokenSignatureKeyNotFoundException } && options.ConfigurationManager is { } discovery)
        {
            discovery.RequestRefresh();
            result = await Validate(token, options, cancellation);
        }
        return result.IsValid ? new ClaimsPrincipal(result.ClaimsIdentity) : null;
    }

    private async Task<TokenValidationResult> Validate(string token, JwtBearerOptions options, CancellationToken cancellation)
    {
        var parameters = options.TokenValidationParameters.Clone();
        if (options.ConfigurationManager is { } discovery)
        {
            var configuration = await discovery.GetConfigurationAsync(cancellation);
            parameters.ValidIssuers = [.. parameters.ValidIssuers ?? [], configuration.Issuer];
            parameters.IssuerSigningKeys = configuration.SigningKeys;
        }
        return await handler.ValidateTokenAsync(token, parameters);
    }
}
