// What the simulated wallet makes of a scanned table code (docs/sandbox.md "Table
// codes"): a static EMV MPM payload whose merchant account template carries the
// table page's URL in sub-ID 01 and the tip in IDs 55-57, or that URL as is. Bounded
// and total: any text gives a link or nothing, never a crash.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "qrpos/emv_mpm.hpp"

namespace qrpos::acquirer {

// The tip a table code asks for: mode per EMV ID 55, fee (56) as major-unit text
// ("5.00"), percentage (57) as text ("10.00").
struct TipRule {
  emv_mpm::Tip mode = emv_mpm::Tip::none;
  std::string fee;
  std::string pct;
};

struct TableLink {
  std::string terminal_id;  // 1-32 of [A-Za-z0-9_-]
  std::string table;        // 1-16 of [A-Za-z0-9_-]
  TipRule tip;
};

// Longest scanned text looked at (an MPM payload is at most 512 characters).
constexpr std::size_t kMaxScannedChars = 512;

std::optional<TableLink> read_table_code(std::string_view scanned);

// The tip rule from a table page's query values (tip=01|02|03, fee, pct); anything
// malformed is no tip.
TipRule tip_rule_from_query(std::string_view tip, std::string_view fee, std::string_view pct);

// "/t/<terminal>/<table>" plus "?tip=..&fee=.." or "?tip=..&pct=.." for a tip.
std::string table_path(const TableLink& link);

// The tip in minor units of `currency` that a fixed fee or a percentage of `amount`
// comes to; a percentage rounds half up. 0 for none/prompt or a fee that does not parse.
std::int64_t tip_for(const TipRule& rule, std::int64_t amount, const std::string& currency);
// `pct` percent of `amount`, half up; pct_text "10.00" (at most 2 decimals, 0.01-99.99).
std::optional<std::int64_t> percent_of(std::int64_t amount, std::string_view pct_text);

}  // namespace qrpos::acquirer
