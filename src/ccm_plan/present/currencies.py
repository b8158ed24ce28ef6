"""The ISO 4217 currency codes in current use, as data: `currency-code` checks a plan's currencies against them
without importing Babel (`validate`'s start-up stays lean).

The list is CLDR's (via Babel): every currency some territory uses today, legal tender or not (CHF, EUR, USD, and
ISO 4217's fund and special codes such as CHE, XDR, XAU). A currency withdrawn from use (DEM, HRK) is not in it.
Generated, never edited by hand; `tests/test_currencies.py` checks it equals the installed Babel's, so a Babel
upgrade that adds or withdraws a currency is caught. Regenerate with::

    python -m ccm_plan.present.currencies
"""

from __future__ import annotations

from pathlib import Path

# fmt: off
CODES: frozenset[str] = frozenset({
    "AED", "AFN", "ALL", "AMD", "AOA", "ARS", "AUD", "AWG", "AZN", "BAM", "BBD", "BDT",
    "BHD", "BIF", "BMD", "BND", "BOB", "BOV", "BRL", "BSD", "BTN", "BWP", "BYN", "BZD",
    "CAD", "CDF", "CHE", "CHF", "CHW", "CLF", "CLP", "CNH", "CNY", "COP", "COU", "CRC",
    "CUP", "CVE", "CZK", "DJF", "DKK", "DOP", "DZD", "EGP", "ERN", "ETB", "EUR", "FJD",
    "FKP", "GBP", "GEL", "GHS", "GIP", "GMD", "GNF", "GTQ", "GYD", "HKD", "HNL", "HTG",
    "HUF", "IDR", "ILS", "INR", "IQD", "IRR", "ISK", "JMD", "JOD", "JPY", "KES", "KGS",
    "KHR", "KMF", "KPW", "KRW", "KWD", "KYD", "KZT", "LAK", "LBP", "LKR", "LRD", "LSL",
    "LYD", "MAD", "MDL", "MGA", "MKD", "MMK", "MNT", "MOP", "MRU", "MUR", "MVR", "MWK",
    "MXN", "MXV", "MYR", "MZN", "NAD", "NGN", "NIO", "NOK", "NPR", "NZD", "OMR", "PAB",
    "PEN", "PGK", "PHP", "PKR", "PLN", "PYG", "QAR", "RON", "RSD", "RUB", "RWF", "SAR",
    "SBD", "SCR", "SDG", "SEK", "SGD", "SHP", "SLE", "SOS", "SRD", "SSP", "STN", "SYP",
    "SZL", "THB", "TJS", "TMT", "TND", "TOP", "TRY", "TTD", "TWD", "TZS", "UAH", "UGX",
    "USD", "USN", "UYI", "UYU", "UYW", "UZS", "VED", "VES", "VND", "VUV", "WST", "XAD",
    "XAF", "XAG", "XAU", "XBA", "XBB", "XBC", "XBD", "XCD", "XCG", "XDR", "XOF", "XPD",
    "XPF", "XPT", "XSU", "XTS", "XUA", "XXX", "YER", "ZAR", "ZMW", "ZWG",
})
# fmt: on


def cldr_codes() -> frozenset[str]:
    """The currency codes CLDR records as in use today (no end date) in some territory, per the installed Babel."""
    from babel.core import get_global

    return frozenset(
        code
        for currencies in get_global("territory_currencies").values()
        for code, _start, end, _tender in currencies
        if end is None
    )


def render(codes: frozenset[str]) -> str:
    """This module's text with `codes` as its list."""
    text = Path(__file__).read_text(encoding="utf-8")
    head, _, rest = text.partition("CODES: frozenset[str] = frozenset({\n")
    _, _, tail = rest.partition("})\n# fmt: on\n")
    ordered = sorted(codes)
    rows = [
        ", ".join(f'"{code}"' for code in ordered[start : start + 12]) + "," for start in range(0, len(ordered), 12)
    ]
    body = "".join(f"    {row}\n" for row in rows)
    return f"{head}CODES: frozenset[str] = frozenset({{\n{body}}})\n# fmt: on\n{tail}"


def main() -> None:
    """Rewrite this module's list from the installed Babel's CLDR data."""
    path = Path(__file__)
    path.write_text(render(cldr_codes()), encoding="utf-8")
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
