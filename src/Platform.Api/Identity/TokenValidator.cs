using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Platform.Api.Identity;

/// <summary>Validates a bearer token outside the HTTP pipeline (the WebSocket connection_init payload) with the same rules.</summary>
public sealed class TokenValidator(IOptionsMonitor<JwtBearerOptions> bearer)
{
    private readonly JsonWebTokenHandler handler = new() { MapInboundClaims = false };

    public async Task<ClaimsPrincipal?> ValidateAsync(string token, CancellationToken cancellation)
    {
        var options = bearer.Get(JwtBearerDefaults.AuthenticationScheme);
        var parameters = options.TokenValidationParameters.Clone();
        if (options.ConfigurationManager is { } discovery)
        {
            var configuration = await discovery.GetConfigurationAsync(cancellation);
            parameters.ValidIssuers = [.. parameters.ValidIssuers ?? [], configuration.Issuer];
            parameters.IssuerSigningKeys = configuration.SigningKeys;
        }
        var result = await handler.ValidateTokenAsync(token, parameters);
        return result.IsValid ? new ClaimsPrincipal(result.ClaimsIdentity) : null;
    }
}
