// Key codes: linux/input-event-codes.h (KEY_1 = 2 … KEY_SLASH = 53, KEY_SPACE = 57, keypad
// 71–83, 98, 55, 74, 78). Characters: the US layout's legends.
#include "hid/key_map.h"

namespace rg::drivers::hid {
namespace {

struct Legend {
  char plain;
  char shifted;
};

// Index = key code, for codes 0..57; {0, 0} for keys that type nothing.
constexpr Legend kMain[58] = {
    {0, 0},     {0, 0},     {'1', '!'}, {'2', '@'}, {'3', '#'},  {'4', '$'}, {'5', '%'}, {'6', '^'},
    {'7', '&'}, {'8', '*'}, {'9', '('}, {'0', ')'}, {'-', '_'},  {'=', '+'}, {0, 0},     {'\t', '\t'},
    {'q', 'Q'}, {'w', 'W'}, {'e', 'E'}, {'r', 'R'}, {'t', 'T'},  {'y', 'Y'}, {'u', 'U'}, {'i', 'I'},
    {'o', 'O'}, {'p', 'P'}, {'[', '{'}, {']', '}'}, {0, 0},      {0, 0},     {'a', 'A'}, {'s', 'S'},
    {'d', 'D'}, {'f', 'F'}, {'g', 'G'}, {'h', 'H'}, {'j', 'J'},  {'k', 'K'}, {'l', 'L'}, {';', ':'},
    {'\'', '"'}, {'`', '~'}, {0, 0},    {'\\', '|'}, {'z', 'Z'}, {'x', 'X'}, {'c', 'C'}, {'v', 'V'},
    {'b', 'B'}, {'n', 'N'}, {'m', 'M'}, {',', '<'}, {'.', '>'},  {'/', '?'}, {0, 0},     {'*', '*'},
    {0, 0},     {' ', ' '},
};

}  // namespace

std::optional<char> us_ascii(std::uint16_t code, bool shift) {
  if (code < 58) {
    const Legend& l = kMain[code];
    if (!l.plain) return std::nullopt;
    return shift ? l.shifted : l.plain;
  }
  switch (code) {  // the keypad types the same with or without Shift (Num Lock on)
    case 71: return '7';
    case 72: return '8';
    case 73: return '9';
    case 74: return '-';
    case 75: return '4';
    case 76: return '5';
    case 77: return '6';
    case 78: return '+';
    case 79: return '1';
    case 80: return '2';
    case 81: return '3';
    case 82: return '0';
    case 83: return '.';
    case 98: return '/';
    default: return std::nullopt;
  }
}

}  // namespace rg::drivers::hid
