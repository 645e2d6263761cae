using Platform.Api.Infrastructure;

namespace Platform.Api.Commerce;

/// <summary>
/// The currencies money can be in: the ISO 4217 codes Stripe charges in, lower-case as Stripe writes them. A price in anything
/// else could never be paid, refunded or reconciled, so it is refused where it is set (a typo such as "uds" included).
/// </summary>
public static class Currencies
{
    private static readonly HashSet<string> Charged =
    [
        "aed", "afn", "all", "amd", "ang", "aoa", "ars", "aud", "awg", "azn", "bam", "bbd", "bdt", "bgn", "bif", "bmd", "bnd", "bob", "brl",
        "bsd", "bwp", "byn", "bzd", "cad", "cdf", "chf", "clp", "cny", "cop", "crc", "cve", "czk", "djf", "dkk", "dop", "dzd", "egp", "etb",
        "eur", "fjd", "fkp", "gbp", "gel", "gip", "gmd", "gnf", "gtq", "gyd", "hkd", "hnl", "htg", "huf", "idr", "ils", "inr", "isk", "jmd",
        "jpy", "kes", "kgs", "khr", "kmf", "krw", "kyd", "kzt", "lak", "lbp", "lkr", "lrd", "lsl", "mad", "mdl", "mga", "mkd", "mmk", "mnt",
        "mop", "mur", "mvr", "mwk", "mxn", "myr", "mzn", "nad", "ngn", "nio", "nok", "npr", "nzd", "pab", "pen", "pgk", "php", "pkr", "pln",
        "pyg", "qar", "ron", "rsd", "rub", "rwf", "sar", "sbd", "scr", "sek", "sgd", "shp", "sle", "sos", "srd", "std", "szl", "thb", "tjs",
        "top", "try", "ttd", "twd", "tzs", "uah", "ugx", "usd", "uyu", "uzs", "vnd", "vuv", "wst", "xaf", "xcd", "xof", "xpf", "yer", "zar",
        "zmw",
    ];

    /// <summary>Currencies whose minor unit is the unit itself (an amount of 500 jpy is 500 yen).</summary>
    private static readonly HashSet<string> ZeroDecimal =
        ["bif", "clp", "djf", "gnf", "jpy", "kmf", "krw", "mga", "pyg", "rwf", "ugx", "vnd", "vuv", "xaf", "xof", "xpf"];

    /// <summary>The code as Stripe writes it, or VALIDATION.</summary>
    public static string Of(string currency)
    {
        var code = currency.Trim().ToLowerInvariant();
        return Charged.Contains(code) ? code
            : throw DomainException.Invalid($"'{currency}' is not a currency payments are taken in: a three-letter ISO 4217 code, such as eur, usd or jpy.");
    }

    /// <summary>How many of the minor unit make one of the currency, as a power of ten.</summary>
    public static int Decimals(string currency) => ZeroDecimal.Contains(currency.ToLowerInvariant()) ? 0 : 2;
}
