// Money arithmetic of the cash desk: whole kopecks, integer only, rounding rules written down
// once. A percentage is held in hundredths of a percent (basis points: 12.5 % = 1250).
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

namespace rg::db {

using Kopecks = std::int64_t;

// The discount a percentage gives on an amount, rounded half up to the kopeck:
// 10 % of 333,33 ₽ = 33,333 → 33,33 ₽; 15 % of 0,10 ₽ = 0,015 → 0,02 ₽. Never more than the
// amount, never negative. basis_points in 0..10000.
Kopecks percent_of(Kopecks amount, std::int64_t basis_points);

// Splits `total` over `weights` in proportion, in whole kopecks that add up to `total` exactly
// (largest remainder; ties go to the earlier weight). Used to spread an invoice-wide discount
// over its lines, because a fiscal receipt has no discount line of its own. Weights ≥ 0; when
// all are 0 everything goes to the first.
std::vector<Kopecks> split_proportionally(Kopecks total, std::span<const Kopecks> weights);

// How a line of `quantity` units summing to `sum` goes on a receipt, where price × quantity
// must equal the sum: one row when it divides, otherwise (quantity − 1) units at the rounded-
// down price and one unit carrying the remainder.
struct ReceiptRow {
  Kopecks price = 0;
  std::int64_t quantity = 0;
};
std::vector<ReceiptRow> receipt_rows(Kopecks sum, std::int64_t quantity);

// What a cashier types: «1500», «1 500,50», «1500.5», «1 500,50 ₽» → kopecks. Spaces (also
// no-break ones) group digits; a comma or a point starts at most two decimals. Anything else,
// a negative amount or more than 10 billion roubles → nullopt. Empty → 0.
std::optional<Kopecks> parse_rubles(std::string_view text);

}  // namespace rg::db
