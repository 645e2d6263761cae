namespace Platform.Benchmarks.Scenarios;

/// <summary>Scenario 5: checkout end to end with the local payment provider, where the build has the commerce operations.</summary>
public static class Checkout
{
    public static ScenarioResult Run(HashSet<string> fields)
    {
        var result = new ScenarioResult(5, "Checkout end to end (local provider)");
        var missing = new[] { "mutation.setPrice", "mutation.startCheckout", "mutation.completeLocalPayment" }.Where(f => !fields.Contains(f)).ToList();
        result.Rows.Add(new Row("startCheckout → completeLocalPayment → enrolled + ledger lines", new()
        {
            ["per s"] = missing.Count > 0 ? $"not available in this build (no {string.Join(", ", missing.Select(f => f.Split('.')[1]))})" : "not measured yet",
        }));
        return result;
    }
}
