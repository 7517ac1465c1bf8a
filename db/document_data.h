// The data a document is filled with: a small tree of strings, flags, lists and named fields,
// written as canonical JSON (sorted keys, no spaces) so the same data always gives the same bytes.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace rg::db {

class DocNode {
 public:
  using List = std::vector<DocNode>;
  using Map = std::map<std::string, DocNode, std::less<>>;

  DocNode() : v_(Map{}) {}
  DocNode(std::string s) : v_(std::move(s)) {}  // NOLINT: a value reads naturally as a node
  DocNode(const char* s) : v_(std::string(s)) {}  // NOLINT
  DocNode(bool b) : v_(b) {}                      // NOLINT
  DocNode(List l) : v_(std::move(l)) {}           // NOLINT
  static DocNode list() { return DocNode(List{}); }

  bool is_string() const { return std::holds_alternative<std::string>(v_); }
  bool is_bool() const { return std::holds_alternative<bool>(v_); }
  bool is_list() const { return std::holds_alternative<List>(v_); }
  bool is_map() const { return std::holds_alternative<Map>(v_); }
  const std::string& str() const { return std::get<std::string>(v_); }
  bool flag() const { return std::get<bool>(v_); }
  const List& items() const { return std::get<List>(v_); }
  List& items() { return std::get<List>(v_); }
  const Map& fields() const { return std::get<Map>(v_); }

  // A field of a map node, created when absent ("a.b" is not split: use set() for paths).
  DocNode& operator[](std::string_view key);
  // Sets a dotted path ("patient.full_name"), creating the maps on the way.
  DocNode& set(std::string_view path, DocNode value);
  // The node at a dotted path, or nullptr.
  const DocNode* find(std::string_view path) const;
  void push(DocNode item) { items().push_back(std::move(item)); }

  // Canonical JSON: keys sorted, no white space, strings escaped as JSON requires.
  std::string to_json() const;

  bool operator==(const DocNode&) const = default;

 private:
  std::variant<std::string, bool, List, Map> v_;
};

// «1 234,50» (no currency sign); kopecks always shown.
std::string rubles(std::int64_t kopecks);
// «одна тысяча двести тридцать четыре рубля 50 копеек», as contracts and acts write sums.
std::string rubles_in_words(std::int64_t kopecks);

}  // namespace rg::db
