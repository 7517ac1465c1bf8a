#include "money.h"

#include <algorithm>
#include <numeric>

namespace rg::db {

// 128-bit intermediate: total × weight can exceed int64 for large invoices.
__extension__ using Wide = __int128;

Kopecks percent_of(Kopecks amount, std::int64_t basis_points) {
  if (amount <= 0 || basis_points <= 0) return 0;
  basis_points = std::min<std::int64_t>(basis_points, 10000);
  // amount ≤ 10^13 kopecks in practice; × 10^4 stays far inside int64.
  return std::min(amount, (amount * basis_points + 5000) / 10000);
}

std::vector<Kopecks> split_proportionally(Kopecks total, std::span<const Kopecks> weights) {
  std::vector<Kopecks> out(weights.size(), 0);
  if (weights.empty()) return out;
  const Kopecks sum = std::accumulate(weights.begin(), weights.end(), Kopecks{0});
  if (sum <= 0) {
    out[0] = total;
    return out;
  }
  std::vector<std::pair<Kopecks, std::size_t>> remainders;
  Kopecks given = 0;
  for (std::size_t i = 0; i < weights.size(); ++i) {
    const Wide share = static_cast<Wide>(total) * weights[i];
    out[i] = static_cast<Kopecks>(share / sum);
    remainders.emplace_back(static_cast<Kopecks>(share % sum), i);
    given += out[i];
  }
  std::stable_sort(remainders.begin(), remainders.end(),
                   [](const auto& a, const auto& b) { return a.first > b.first; });
  for (std::size_t k = 0; given < total && k < remainders.size(); ++k, ++given) ++out[remainders[k].second];
  return out;
}

std::vector<ReceiptRow> receipt_rows(Kopecks sum, std::int64_t quantity) {
  if (quantity <= 1) return {{sum, 1}};
  if (sum % quantity == 0) return {{sum / quantity, quantity}};
  const Kopecks unit = sum / quantity;
  return {{unit, quantity - 1}, {sum - unit * (quantity - 1), 1}};
}

std::optional<Kopecks> parse_rubles(std::string_view t) {
  auto drop = [&t](std::string_view prefix) {
    if (t.substr(0, prefix.size()) == prefix) t.remove_prefix(prefix.size());
  };
  Kopecks rubles = 0, cents = 0;
  int digits = 0, decimals = -1;  // -1: no separator yet
  while (!t.empty()) {
    const char c = t.front();
    if (c >= '0' && c <= '9') {
      if (decimals >= 0) {
        if (++decimals > 2) return std::nullopt;
        cents = cents * 10 + (c - '0');
      } else {
        if (++digits > 11) return std::nullopt;
        rubles = rubles * 10 + (c - '0');
      }
      t.remove_prefix(1);
    } else if ((c == ',' || c == '.') && decimals < 0) {
      decimals = 0;
      t.remove_prefix(1);
    } else if (c == ' ' || c == '\t') {
      t.remove_prefix(1);
    } else if (t.starts_with("\u00A0") || t.starts_with("\u202F")) {
      drop(t.starts_with("\u00A0") ? "\u00A0" : "\u202F");
    } else if (t.starts_with("₽")) {
      drop("₽");
    } else {
      return std::nullopt;
    }
  }
  if (decimals == 1) cents *= 10;
  if (rubles > 10'000'000'000LL) return std::nullopt;
  return rubles * 100 + cents;
}

}  // namespace rg::db
