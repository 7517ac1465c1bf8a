// The receipt printer: exact ESC/POS bytes (from the documented values), PC866, layout at 32 and
// 48 columns, status and device-ID parsing, the simulated printer, and the PNG preview.
#include <doctest/doctest.h>

#include <iconv.h>
#include <libintl.h>
#include <stb_image.h>

#include <algorithm>
#include <clocale>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <random>
#include <string>
#include <vector>

#include "escpos_preview.h"
#include "receipt_printer/escpos.h"
#include "receipt_printer/printer.h"
#include "receipt_printer/profile.h"
#include "receipt_printer/receipt.h"
#include "receipt_printer/sim_printer.h"
#include "receipt_printer/status.h"
#include "temp_dir.h"

using namespace rg;
using namespace rg::drivers;
using Bytes = std::vector<std::uint8_t>;

namespace {

Bytes B(std::initializer_list<int> v) {
  Bytes out;
  for (int b : v) out.push_back(static_cast<std::uint8_t>(b));
  return out;
}

Bytes operator+(Bytes a, const Bytes& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

// UTF-8 → CP866 through glibc's iconv: an encoder independent of the one under test.
Bytes cp866(const std::string& utf8) {
  iconv_t cd = iconv_open("CP866", "UTF-8");
  REQUIRE(cd != reinterpret_cast<iconv_t>(-1));
  std::string in = utf8;
  std::string out(in.size() * 2 + 4, '\0');
  char* ip = in.data();
  char* op = out.data();
  size_t il = in.size(), ol = out.size();
  const size_t rc = iconv(cd, &ip, &il, &op, &ol);
  iconv_close(cd);
  REQUIRE_MESSAGE(rc != static_cast<size_t>(-1), "iconv cannot encode: " << utf8);
  return Bytes(out.data(), op);
}

Bytes ascii(const std::string& s) { return Bytes(s.begin(), s.end()); }
Bytes spaces(int n) { return Bytes(static_cast<size_t>(n), ' '); }
Bytes dashes(int n) { return Bytes(static_cast<size_t>(n), '-'); }

std::string hex(const Bytes& b) {
  static const char* d = "0123456789ABCDEF";
  std::string s;
  for (auto c : b) s += {d[c >> 4], d[c & 15], ' '};
  return s;
}

// Translations from the build tree, Russian, as the kiosk runs.
void use_russian() {
  std::setlocale(LC_ALL, "C.UTF-8");
  setenv("LANGUAGE", "ru", 1);
  bindtextdomain("registratura", REGISTRATURA_LOCALE_DIR);
  bind_textdomain_codeset("registratura", "UTF-8");
}

// The kiosk's ticket, as the kiosk would build it.
Receipt kiosk_ticket() {
  Receipt r;
  r.centered("Клиника «Здоровье»", true)
      .title("ТАЛОН №12")
      .separator()
      .pair("Время", "10:30")
      .pair("Врач", "Петрова А. С.")
      .big("Каб. 101")
      .separator()
      .text_wrapped("Присядьте, пожалуйста: врач пригласит вас по номеру талона.")
      .qr("RG1:4f2a9c0d:7")
      .centered("03.06.2030 10:12")
      .cut();
  return r;
}

Bytes qr_bytes(const std::string& payload, int module) {
  const int len = static_cast<int>(payload.size()) + 3;
  return B({0x1D, 0x28, 0x6B, 0x04, 0x00, 0x31, 0x41, 0x32, 0x00}) +
         B({0x1D, 0x28, 0x6B, 0x03, 0x00, 0x31, 0x43, module}) +
         B({0x1D, 0x28, 0x6B, 0x03, 0x00, 0x31, 0x45, 0x31}) +
         B({0x1D, 0x28, 0x6B, len & 0xFF, len >> 8, 0x31, 0x50, 0x30}) + ascii(payload) +
         B({0x1D, 0x28, 0x6B, 0x03, 0x00, 0x31, 0x51, 0x30});
}

int dark_pixels(const printing::PaperImage& img) {
  return static_cast<int>(std::count_if(img.pixels.begin(), img.pixels.end(), [](auto p) { return p < 128; }));
}

// Is there a solid dark square of `side` pixels anywhere (a QR finder's centre, never text)?
bool has_dark_square(const printing::PaperImage& img, int side) {
  // Run lengths of dark pixels per column, row by row.
  std::vector<int> run(static_cast<size_t>(img.width), 0);
  for (int y = 0; y < img.height; ++y) {
    int streak = 0;
    for (int x = 0; x < img.width; ++x) {
      int& r = run[static_cast<size_t>(x)];
      r = img.at(x, y) < 128 ? r + 1 : 0;
      streak = r >= side ? streak + 1 : 0;
      if (streak >= side) return true;
    }
  }
  return false;
}

printing::EscposPreview preview() {
  auto p = printing::EscposPreview::create();
  REQUIRE_MESSAGE(p.has_value(), (p ? "" : p.error().detail));
  return std::move(*p);
}

}  // namespace

// ---------------------------------------------------------------- encoder, command by command

TEST_CASE("encoder: init, codepage, bold, size, alignment and feeds are the documented bytes") {
  using escpos::Align;
  CHECK(escpos::Encoder().init().bytes() == B({0x1B, 0x40}));
  CHECK(escpos::Encoder().codepage(17).bytes() == B({0x1B, 0x74, 0x11}));
  CHECK(escpos::Encoder().codepage(59).bytes() == B({0x1B, 0x74, 0x3B}));
  CHECK(escpos::Encoder().bold(true).bytes() == B({0x1B, 0x45, 0x01}));
  CHECK(escpos::Encoder().bold(false).bytes() == B({0x1B, 0x45, 0x00}));
  CHECK(escpos::Encoder().size(1, 1).bytes() == B({0x1D, 0x21, 0x00}));
  CHECK(escpos::Encoder().size(2, 2).bytes() == B({0x1D, 0x21, 0x11}));
  CHECK(escpos::Encoder().size(2, 1).bytes() == B({0x1D, 0x21, 0x10}));
  CHECK(escpos::Encoder().size(1, 2).bytes() == B({0x1D, 0x21, 0x01}));
  CHECK(escpos::Encoder().size(8, 8).bytes() == B({0x1D, 0x21, 0x77}));
  CHECK(escpos::Encoder().size(12, 0).bytes() == B({0x1D, 0x21, 0x70}));  // clamped to 8×1
  CHECK(escpos::Encoder().align(Align::Left).bytes() == B({0x1B, 0x61, 0x00}));
  CHECK(escpos::Encoder().align(Align::Center).bytes() == B({0x1B, 0x61, 0x01}));
  CHECK(escpos::Encoder().align(Align::Right).bytes() == B({0x1B, 0x61, 0x02}));
  CHECK(escpos::Encoder().line_feed().bytes() == B({0x0A}));
  CHECK(escpos::Encoder().feed(3).bytes() == B({0x1B, 0x64, 0x03}));
}

TEST_CASE("encoder: QR is GS ( k model 2, module size, error level, store 31 50 30, print 31 51 30") {
  // python-escpos test_function_qr_native.py test_defaults: qr("1234", native=True), level L, size 3.
  const Bytes python_escpos_default = {
      0x1d, '(', 'k', 0x04, 0x00, '1', 'A', '2', 0x00,       // model 2
      0x1d, '(', 'k', 0x03, 0x00, '1', 'C', 0x03,            // module size 3
      0x1d, '(', 'k', 0x03, 0x00, '1', 'E', '0',             // level L
      0x1d, '(', 'k', 0x07, 0x00, '1', 'P', '0', '1', '2', '3', '4',  // store
      0x1d, '(', 'k', 0x03, 0x00, '1', 'Q', '0'};            // print
  CHECK(escpos::Encoder().qr("1234", 3, escpos::QrLevel::L).bytes() == python_escpos_default);
  // Level M is '1'; the module size is the one given.
  CHECK(escpos::Encoder().qr("RG1:42", 6).bytes() == qr_bytes("RG1:42", 6));
  CHECK(escpos::Encoder().qr("x", 40).bytes()[15] == 0x43);
  CHECK(escpos::Encoder().qr("x", 40).bytes()[16] == 16);  // module clamped to 16
  // A 300-byte payload: pL pH = 303 = 0x012F.
  const std::string big(300, 'A');
  const Bytes b = escpos::Encoder().qr(big, 4).bytes();
  CHECK(Bytes(b.begin() + 25, b.begin() + 33) == B({0x1D, 0x28, 0x6B, 0x2F, 0x01, 0x31, 0x50, 0x30}));
  // Nothing to print, or more than one symbol holds: nothing is sent.
  CHECK(escpos::Encoder().qr("", 6).bytes().empty());
  CHECK(escpos::Encoder().qr(std::string(escpos::kQrMaxBytesLevelM + 1, '1'), 6).bytes().empty());
}

TEST_CASE("encoder: Code128, cut with feed and the drawer kick") {
  CHECK(escpos::Encoder().code128("12345").bytes() ==
        B({0x1D, 0x68, 80, 0x1D, 0x77, 2, 0x1D, 0x48, 2, 0x1D, 0x6B, 0x49, 7}) + ascii("{B12345"));
  // '{' doubled, a non-ASCII byte replaced; height and width as asked (width clamped to 2..6).
  CHECK(escpos::Encoder().code128("A{\x01", 100, 9).bytes() ==
        B({0x1D, 0x68, 100, 0x1D, 0x77, 6, 0x1D, 0x48, 2, 0x1D, 0x6B, 0x49, 6}) + ascii("{BA{{?"));
  CHECK(escpos::Encoder().code128("").bytes().empty());
  CHECK(escpos::Encoder().cut(escpos::CutKind::Full, 0).bytes() == B({0x1D, 0x56, 0x41, 0x00}));
  CHECK(escpos::Encoder().cut(escpos::CutKind::Full, 3).bytes() == B({0x1D, 0x56, 0x41, 0x03}));
  CHECK(escpos::Encoder().cut(escpos::CutKind::Partial, 3).bytes() == B({0x1D, 0x56, 0x42, 0x03}));
  // python-escpos CD_KICK_2 / CD_KICK_5: ESC p m 50 50.
  CHECK(escpos::Encoder().drawer_kick(escpos::DrawerPin::Pin2).bytes() == B({0x1B, 0x70, 0x00, 50, 50}));
  CHECK(escpos::Encoder().drawer_kick(escpos::DrawerPin::Pin5).bytes() == B({0x1B, 0x70, 0x01, 50, 50}));
  CHECK(escpos::Encoder().drawer_kick(escpos::DrawerPin::Pin2, 25, 250).bytes() ==
        B({0x1B, 0x70, 0x00, 25, 250}));
}

// ---------------------------------------------------------------- PC866

TEST_CASE("PC866: «Талон» and the other Cyrillic letters are the codepage's bytes") {
  CHECK(escpos::Encoder().text("Талон").bytes() == B({0x92, 0xA0, 0xAB, 0xAE, 0xAD}));
  CHECK(escpos::Encoder().text("Талон").bytes() == cp866("Талон"));
  CHECK(escpos::Encoder().text("ЁёЎў№°").bytes() == B({0xF0, 0xF1, 0xF6, 0xF7, 0xFC, 0xF8}));
  const std::string alphabet = "АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯабвгдеёжзийклмнопрстуфхцчшщъыьэюя 0-9,.:;№";
  CHECK(escpos::Encoder().text(alphabet).bytes() == cp866(alphabet));
}

TEST_CASE("PC866: the 128-entry table agrees with glibc's CP866 both ways") {
  iconv_t cd = iconv_open("UTF-8", "CP866");
  REQUIRE(cd != reinterpret_cast<iconv_t>(-1));
  for (int b = 0x80; b <= 0xFF; ++b) {
    char in[1] = {static_cast<char>(b)};
    char out[8] = {};
    char* ip = in;
    char* op = out;
    size_t il = 1, ol = sizeof out;
    REQUIRE(iconv(cd, &ip, &il, &op, &ol) != static_cast<size_t>(-1));
    const std::string utf8(out, op);
    const Bytes one = {static_cast<std::uint8_t>(b)};
    CHECK_MESSAGE(escpos::decode_pc866(one) == utf8, "byte " << b);
    CHECK_MESSAGE(escpos::encode_pc866(utf8) == std::string(1, static_cast<char>(b)), "byte " << b);
  }
  iconv_close(cd);
}

TEST_CASE("PC866: what the codepage lacks becomes '?', typography its ASCII look-alike, controls never pass") {
  CHECK(escpos::encode_pc866("€ 5") == "? 5");
  CHECK(escpos::encode_pc866("日本") == "??");
  CHECK(escpos::encode_pc866("«Клиника» — №1…") == std::string("\"") + "\x8A\xAB\xA8\xAD\xA8\xAA\xA0" + "\" - \xFC" + "1...");
  CHECK(escpos::encode_pc866("a\x1B@b") == "a?@b");  // ESC in a name cannot reset the printer
  CHECK(escpos::encode_pc866("a\tb\nc") == "a b?c");
  CHECK(escpos::encode_pc866("\xFF\xC3(x") == std::string("??") + "(x");  // broken UTF-8
  CHECK(escpos::encode_pc866("\xE2\x82") == "??");       // truncated sequence
  CHECK(escpos::Encoder().raw_text(std::string("a\x1D\x56") + "b").bytes() == ascii("a?Vb"));
  CHECK(escpos::printed_length("Петрова А. С.") == 13);
}

// ---------------------------------------------------------------- layout

TEST_CASE("layout: words wrap at 32 and 48 columns, long words split, nothing wider than the paper") {
  const std::string text = escpos::encode_pc866(
      "Пожалуйста, возьмите талон и присядьте в холле: врач пригласит вас по номеру на экране.");
  for (int columns : {32, 48}) {
    const auto lines = wrap_columns(text, columns);
    std::string joined;
    for (const auto& l : lines) {
      CHECK(static_cast<int>(l.size()) <= columns);
      CHECK(l.front() != ' ');
      CHECK(l.back() != ' ');
      joined += (joined.empty() ? "" : " ") + l;
    }
    CHECK(joined == text);  // only breaks at spaces, nothing lost
  }
  CHECK(wrap_columns(escpos::encode_pc866("Пожалуйста, возьмите талон и присядьте в холле: врач пригласит"), 32) ==
        std::vector<std::string>{escpos::encode_pc866("Пожалуйста, возьмите талон и"),
                                 escpos::encode_pc866("присядьте в холле: врач"),
                                 escpos::encode_pc866("пригласит")});
  CHECK(wrap_columns(std::string(70, 'x'), 32) ==
        std::vector<std::string>{std::string(32, 'x'), std::string(32, 'x'), std::string(6, 'x')});
  CHECK(wrap_columns("", 32) == std::vector<std::string>{""});
  CHECK(wrap_columns("  a   b  ", 32) == std::vector<std::string>{"a b"});
}

TEST_CASE("layout: pairs right-align the value, and go to two lines when they do not fit") {
  const Profile& p58 = default_profile_58mm();
  Receipt r;
  r.pair("Итого", "1 500,00");
  CHECK(to_escpos(r, p58) == B({0x1B, 0x40, 0x1B, 0x74, 17}) + cp866("Итого") + spaces(32 - 5 - 8) +
                                 ascii("1 500,00") + B({0x0A}));
  Receipt long_pair;
  long_pair.pair("Приём врача-стоматолога-терапевта первичный", "2 000,00");
  CHECK(to_escpos(long_pair, p58) ==
        B({0x1B, 0x40, 0x1B, 0x74, 17}) + cp866("Приём") + B({0x0A}) +
            cp866("врача-стоматолога-терапевта") + B({0x0A}) + cp866("первичный") + B({0x0A}) +
            spaces(32 - 8) + ascii("2 000,00") + B({0x0A}));
}

TEST_CASE("layout: the kiosk ticket, byte for byte, on 80 mm paper (48 columns, cutter)") {
  const Profile& p = default_profile_80mm();
  REQUIRE(p.columns == 48);
  const Bytes golden =
      B({0x1B, 0x40}) + B({0x1B, 0x74, 17}) +                                      // init, PC866
      B({0x1B, 0x61, 1, 0x1B, 0x45, 1}) + cp866("Клиника \"Здоровье\"") + B({0x0A}) +  // centred bold
      B({0x1D, 0x21, 0x11}) + cp866("ТАЛОН №12") + B({0x0A}) +                     // title 2×2
      B({0x1B, 0x61, 0, 0x1B, 0x45, 0, 0x1D, 0x21, 0x00}) + dashes(48) + B({0x0A}) +
      cp866("Время") + spaces(38) + ascii("10:30") + B({0x0A}) +
      cp866("Врач") + spaces(31) + cp866("Петрова А. С.") + B({0x0A}) +
      B({0x1B, 0x61, 1, 0x1D, 0x21, 0x11}) + cp866("Каб. 101") + B({0x0A}) +        // big
      B({0x1B, 0x61, 0, 0x1D, 0x21, 0x00}) + dashes(48) + B({0x0A}) +
      cp866("Присядьте, пожалуйста: врач пригласит вас по") + B({0x0A}) +
      cp866("номеру талона.") + B({0x0A}) +
      B({0x1B, 0x61, 1, 0x0A}) + qr_bytes("RG1:4f2a9c0d:7", 6) + B({0x0A}) +  // QR, quiet zone
      ascii("03.06.2030 10:12") + B({0x0A}) +
      B({0x1D, 0x56, 0x41, 0x00});                                                  // feed, full cut
  const Bytes got = to_escpos(kiosk_ticket(), p);
  CHECK_MESSAGE(got == golden, "got:\n" << hex(got) << "\nwant:\n" << hex(golden));
}

TEST_CASE("layout: the kiosk ticket, byte for byte, on 58 mm paper (32 columns, tear bar)") {
  const Profile& p = default_profile_58mm();
  REQUIRE(p.columns == 32);
  const Bytes golden =
      B({0x1B, 0x40}) + B({0x1B, 0x74, 17}) +
      B({0x1B, 0x61, 1, 0x1B, 0x45, 1}) + cp866("Клиника \"Здоровье\"") + B({0x0A}) +
      B({0x1D, 0x21, 0x11}) + cp866("ТАЛОН №12") + B({0x0A}) +
      B({0x1B, 0x61, 0, 0x1B, 0x45, 0, 0x1D, 0x21, 0x00}) + dashes(32) + B({0x0A}) +
      cp866("Время") + spaces(22) + ascii("10:30") + B({0x0A}) +
      cp866("Врач") + spaces(15) + cp866("Петрова А. С.") + B({0x0A}) +
      B({0x1B, 0x61, 1, 0x1D, 0x21, 0x11}) + cp866("Каб. 101") + B({0x0A}) +
      B({0x1B, 0x61, 0, 0x1D, 0x21, 0x00}) + dashes(32) + B({0x0A}) +
      cp866("Присядьте, пожалуйста: врач") + B({0x0A}) +
      cp866("пригласит вас по номеру талона.") + B({0x0A}) +
      B({0x1B, 0x61, 1, 0x0A}) + qr_bytes("RG1:4f2a9c0d:7", 5) + B({0x0A}) +  // QR, quiet zone
      ascii("03.06.2030 10:12") + B({0x0A}) +
      B({0x1B, 0x64, 4});  // no cutter: feed past the tear bar
  const Bytes got = to_escpos(kiosk_ticket(), p);
  CHECK_MESSAGE(got == golden, "got:\n" << hex(got) << "\nwant:\n" << hex(golden));
}

TEST_CASE("layout: profiles decide the codepage number, the cut kind and whether a QR is sent") {
  Profile p = default_profile_80mm();
  p.codepage_pc866 = 59;
  p.cut_full = false;  // partial only
  p.qr = false;
  Receipt r;
  r.qr("payload").cut().open_drawer(escpos::DrawerPin::Pin5);
  CHECK(to_escpos(r, p) == B({0x1B, 0x40, 0x1B, 0x74, 59, 0x1D, 0x56, 0x42, 0x00, 0x1B, 0x70, 0x01, 50, 50}));
  Receipt bc;
  bc.barcode("0001234");
  CHECK(to_escpos(bc, default_profile_80mm()) == B({0x1B, 0x40, 0x1B, 0x74, 17, 0x1B, 0x61, 1}) +
                                                    escpos::Encoder().code128("0001234").bytes());
}

// ---------------------------------------------------------------- profiles

TEST_CASE("profiles: the data files parse, and the built-in copies are the same") {
  const std::filesystem::path dir = REGISTRATURA_RECEIPT_PROFILES;
  auto p80 = load_profile(dir / "epson-80mm.profile");
  auto p58 = load_profile(dir / "xprinter-58mm.profile");
  REQUIRE_MESSAGE(p80.has_value(), (p80 ? "" : p80.error().detail));
  REQUIRE_MESSAGE(p58.has_value(), (p58 ? "" : p58.error().detail));
  CHECK(builtin_profiles().size() == 2);
  CHECK(p80->id == default_profile_80mm().id);
  CHECK(p80->width_dots == 576);
  CHECK(p80->columns == 48);
  CHECK(p80->paper_mm == 80);
  CHECK(p80->codepage_pc866 == 17);
  CHECK(p80->cut_full);
  CHECK(p80->qr);
  CHECK(p80->vendor_id == 0x04b8);
  CHECK(p80->product_id == 0x0202);
  CHECK(p58->width_dots == 384);
  CHECK(p58->columns == 32);
  CHECK(p58->paper_mm == 58);
  CHECK(p58->codepage_pc866 == 17);
  CHECK_FALSE(p58->can_cut());
  CHECK(default_profile_58mm().columns == 32);
  CHECK(find_profile_for_usb(0x0416, 0x5011)->id == "xprinter-58");
  CHECK_FALSE(find_profile_for_usb(0x1234, 0x5678).has_value());
  CHECK(find_profile("epson-80")->name == p80->name);
}

TEST_CASE("profiles: a typo is an error, not a silent default") {
  CHECK_FALSE(parse_profile("id = x\nname = y\nwidth_dots = 384\ncolumns = 32\ncolums = 3\n").has_value());
  CHECK_FALSE(parse_profile("id = x\nname = y\nwidth_dots = 384\ncolumns = 32\nusb = 04b8\n").has_value());
  CHECK_FALSE(parse_profile("id = x\nname = y\nwidth_dots = 384\ncolumns = 33\n").has_value());  // 33×12 > 384
  CHECK_FALSE(parse_profile("name = y\nwidth_dots = 384\ncolumns = 32\n").has_value());
  CHECK_FALSE(parse_profile("id = x\nname = y\nwidth_dots = 384\ncolumns = 32\nqr = maybe\n").has_value());
  auto ok = parse_profile("# c\n\nid = x\r\nname = Y y\nwidth_dots = 384\ncolumns = 32\nusb = 0FE6:811E\n");
  REQUIRE(ok.has_value());
  CHECK(ok->name == "Y y");
  CHECK(ok->vendor_id == 0x0FE6);
  CHECK(ok->product_id == 0x811E);
  CHECK(load_profile("/nonexistent/printer.profile").error().code == ErrorCode::Io);
}

// ---------------------------------------------------------------- status

TEST_CASE("status: DLE EOT requests are 10 04 n") {
  CHECK(status_request(StatusQuery::Printer) == std::array<std::uint8_t, 3>{0x10, 0x04, 0x01});
  CHECK(status_request(StatusQuery::OfflineCause) == std::array<std::uint8_t, 3>{0x10, 0x04, 0x02});
  CHECK(status_request(StatusQuery::ErrorCause) == std::array<std::uint8_t, 3>{0x10, 0x04, 0x03});
  CHECK(status_request(StatusQuery::Paper) == std::array<std::uint8_t, 3>{0x10, 0x04, 0x04});
}

TEST_CASE("status: every combination of the variable bits of each reply") {
  // Bits 2, 3, 5, 6 vary; 1 and 4 are always set, 0 and 7 always clear.
  for (int combo = 0; combo < 16; ++combo) {
    const bool b2 = combo & 1, b3 = combo & 2, b5 = combo & 4, b6 = combo & 8;
    const auto reply = static_cast<std::uint8_t>(0x12 | (b2 << 2) | (b3 << 3) | (b5 << 5) | (b6 << 6));
    CAPTURE(static_cast<int>(reply));
    PrinterStatus s;
    REQUIRE(apply_status_reply(s, StatusQuery::Printer, reply));
    CHECK(s.known);
    CHECK(s.drawer_pin3_high == b2);
    CHECK(s.online == !b3);
    CHECK(s.waiting_for_recovery == b5);
    CHECK(s.feed_button_pressed == b6);

    s = {};
    REQUIRE(apply_status_reply(s, StatusQuery::OfflineCause, reply));
    CHECK(s.cover_open == b2);
    CHECK(s.feeding_by_button == b3);
    CHECK(s.stopped_at_paper_end == b5);
    CHECK(s.error == b6);
    CHECK(s.can_print() == !(b2 || b5 || b6));

    s = {};
    REQUIRE(apply_status_reply(s, StatusQuery::ErrorCause, reply));
    CHECK(s.mechanical_error == b2);
    CHECK(s.cutter_error == b3);
    CHECK(s.unrecoverable_error == b5);
    CHECK(s.auto_recoverable_error == b6);
    CHECK(s.can_print() == !(b2 || b3 || b5 || b6));

    s = {};
    REQUIRE(apply_status_reply(s, StatusQuery::Paper, reply));
    CHECK(s.paper_near_end == (b2 || b3));
    CHECK(s.paper_end == (b5 || b6));
    CHECK(s.severity() == ((b5 || b6) ? PrinterSeverity::Error
                                      : (b2 || b3) ? PrinterSeverity::Warning : PrinterSeverity::Ready));
  }
  // python-escpos' masks read the same way: 0x12 plenty of paper, 0x1E low, 0x72 none.
  PrinterStatus s;
  apply_status_reply(s, StatusQuery::Paper, 0x1E);
  CHECK((s.paper_near_end && !s.paper_end));
  apply_status_reply(s, StatusQuery::Paper, 0x72);
  CHECK(s.paper_end);
  apply_status_reply(s, StatusQuery::Paper, 0x12);
  CHECK((!s.paper_near_end && !s.paper_end));
}

TEST_CASE("status: a byte that is not a status reply changes nothing") {
  for (int b = 0; b < 256; ++b) {
    const bool valid = (b & 0x93) == 0x12;
    for (auto q : {StatusQuery::Printer, StatusQuery::OfflineCause, StatusQuery::ErrorCause, StatusQuery::Paper}) {
      PrinterStatus s;
      CHECK(apply_status_reply(s, q, static_cast<std::uint8_t>(b)) == valid);
      if (!valid) CHECK(s == PrinterStatus{});
    }
  }
}

TEST_CASE("status: the administrator reads the problem in Russian") {
  use_russian();
  PrinterStatus s;
  apply_status_reply(s, StatusQuery::OfflineCause, 0x12 | 0x04);
  CHECK(status_message(s) == "Принтер чеков: открыта крышка");
  s = {};
  apply_status_reply(s, StatusQuery::Paper, 0x72);
  CHECK(status_message(s) == "Принтер чеков: закончилась бумага");
  s = {};
  apply_status_reply(s, StatusQuery::Paper, 0x1E);
  CHECK(status_message(s) == "Принтер чеков: бумага заканчивается");
  s = {};
  apply_status_reply(s, StatusQuery::ErrorCause, 0x12 | 0x08);
  CHECK(status_message(s).starts_with("Принтер чеков: ошибка отрезчика"));
  s = {};
  apply_status_reply(s, StatusQuery::Printer, 0x12 | 0x08);
  CHECK(status_message(s).starts_with("Принтер чеков: не в сети"));
  s = {};
  apply_status_reply(s, StatusQuery::ErrorCause, 0x12 | 0x20);
  apply_status_reply(s, StatusQuery::OfflineCause, 0x12 | 0x04);  // unrecoverable wins over cover
  CHECK(status_message(s).starts_with("Принтер чеков: неустранимая ошибка"));
  CHECK(status_message(PrinterStatus{}) == "Принтер чеков: готов");
}

// ---------------------------------------------------------------- IEEE-1284 device ID

namespace {
Bytes device_id(const std::string& text, int declared = -1) {
  const int len = declared >= 0 ? declared : static_cast<int>(text.size()) + 2;
  return B({len >> 8, len & 0xFF}) + ascii(text);
}
}  // namespace

TEST_CASE("device ID: MFG, MDL, CMD and the others, from the 2-byte big-endian length") {
  const std::string text = "MFG:EPSON;CMD:ESC/POS,ESC/POS-T;MDL:TM-T20II;CLS:PRINTER;DES:EPSON TM-T20II Receipt;SN: X5YF012345 ;";
  auto id = parse_device_id(device_id(text));
  REQUIRE(id.has_value());
  CHECK(id->manufacturer == "EPSON");
  CHECK(id->model == "TM-T20II");
  CHECK(id->command_sets == std::vector<std::string>{"ESC/POS", "ESC/POS-T"});
  CHECK(id->supports("esc/pos"));
  CHECK_FALSE(id->supports("PCL"));
  CHECK(id->device_class == "PRINTER");
  CHECK(id->description == "EPSON TM-T20II Receipt");
  CHECK(id->serial == "X5YF012345");
  CHECK(id->fields.at("MDL") == "TM-T20II");

  // Long key names, lower case keys, no trailing ';'.
  auto longer = parse_device_id(device_id("manufacturer:Xprinter;COMMAND SET:ESC/POS;MODEL:XP-58"));
  REQUIRE(longer.has_value());
  CHECK(longer->manufacturer == "Xprinter");
  CHECK(longer->model == "XP-58");
  CHECK(longer->supports("ESC/POS"));

  // The length counts itself: a length of 2 + 9 keeps "MFG:EPSON" and drops the rest.
  auto cut = parse_device_id(device_id("MFG:EPSON;MDL:TM-T20II;", 2 + 9));
  REQUIRE(cut.has_value());
  CHECK(cut->manufacturer == "EPSON");
  CHECK(cut->model.empty());
  // A length beyond the reply (a short transfer) reads what is there.
  auto short_transfer = parse_device_id(device_id("MFG:EPSON;MDL:TM", 300));
  REQUIRE(short_transfer.has_value());
  CHECK(short_transfer->model == "TM");
}

TEST_CASE("device ID: too short, a length below 2, or no maker and model is an error") {
  CHECK(parse_device_id(B({})).error().code == ErrorCode::Invalid);
  CHECK_FALSE(parse_device_id(B({0x00})).has_value());
  CHECK_FALSE(parse_device_id(device_id("MFG:EPSON;", 1)).has_value());
  CHECK_FALSE(parse_device_id(device_id("CLS:PRINTER;")).has_value());
  CHECK_FALSE(parse_device_id(device_id("garbage without colons")).has_value());
}

TEST_CASE("device ID and status parsers: 5 000 random replies never crash") {
  std::mt19937 rng(1284);
  for (int n = 0; n < 5000; ++n) {
    Bytes reply(rng() % 300);
    for (auto& b : reply) b = static_cast<std::uint8_t>(rng());
    if (reply.size() >= 2 && n % 2 == 0) {  // half with a plausible length prefix
      reply[0] = static_cast<std::uint8_t>(reply.size() >> 8);
      reply[1] = static_cast<std::uint8_t>(reply.size());
    }
    auto id = parse_device_id(reply);
    if (id) CHECK((!id->manufacturer.empty() || !id->model.empty()));
    PrinterStatus s;
    for (auto b : reply) apply_status_reply(s, static_cast<StatusQuery>(1 + b % 4), b);
    (void)status_message(s);
  }
}

// ---------------------------------------------------------------- simulated printer

TEST_CASE("sim printer: each job is a numbered file with exactly the bytes, written atomically") {
  test::TempDir dir;
  const auto out = dir.path() / "printer";
  SimReceiptPrinter printer(out, default_profile_58mm());
  CHECK(printer.profile().columns == 32);
  CHECK(printer.status().can_print());
  std::filesystem::path seen;
  printer.on_printed([&](const std::filesystem::path& job, std::span<const std::uint8_t> bytes) {
    seen = job;
    CHECK(bytes.size() == 3);
  });
  REQUIRE(printer.print(B({1, 2, 3})).has_value());
  REQUIRE(printer.print(B({4, 5, 6})).has_value());
  CHECK(seen == out / "receipt-0002.bin");
  CHECK(printer.last_job() == out / "receipt-0002.bin");
  auto read = [](const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    return Bytes(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  };
  CHECK(read(out / "receipt-0001.bin") == B({1, 2, 3}));
  CHECK(read(out / "receipt-0002.bin") == B({4, 5, 6}));
  int files = 0;
  for (const auto& e : std::filesystem::directory_iterator(out)) {
    ++files;
    CHECK(e.path().extension() == ".bin");  // no temporary file left behind
  }
  CHECK(files == 2);
  // Another process (or a restart) goes on from the highest number.
  SimReceiptPrinter again(out);
  REQUIRE(again.print(to_escpos(kiosk_ticket(), again.profile())).has_value());
  CHECK(again.last_job() == out / "receipt-0003.bin");
  CHECK(read(out / "receipt-0003.bin") == to_escpos(kiosk_ticket(), default_profile_80mm()));
}

TEST_CASE("sim printer: a paper-end control file stops printing with the administrator's words") {
  use_russian();
  test::TempDir dir;
  SimReceiptPrinter printer(dir.path());
  ReceiptPrinter& as_interface = printer;  // what the kiosk holds
  { std::ofstream(dir.path() / "paper-end") << ""; }
  CHECK(as_interface.status().paper_end);
  CHECK_FALSE(as_interface.status().can_print());
  auto r = as_interface.print(B({0x1B, 0x40}));
  REQUIRE_FALSE(r.has_value());
  CHECK(r.error().code == ErrorCode::Io);
  CHECK(r.error().message == "Принтер чеков: закончилась бумага");
  CHECK_FALSE(std::filesystem::exists(dir.path() / "receipt-0001.bin"));

  std::filesystem::remove(dir.path() / "paper-end");  // the roll is changed
  CHECK(as_interface.print(B({0x1B, 0x40})).has_value());
  CHECK(std::filesystem::exists(dir.path() / "receipt-0001.bin"));
}

TEST_CASE("sim printer: faults set by a method — cover, offline, paper near end") {
  use_russian();
  test::TempDir dir;
  SimReceiptPrinter printer(dir.path());
  printer.set_fault(SimFault::CoverOpen);
  CHECK(printer.status().cover_open);
  CHECK(printer.print(B({1})).error().message == "Принтер чеков: открыта крышка");
  printer.set_fault(SimFault::Offline);
  CHECK(printer.print(B({1})).error().message.starts_with("Принтер чеков: не в сети"));
  printer.set_fault(SimFault::PaperEnd);
  CHECK(printer.print(B({1})).error().message == "Принтер чеков: закончилась бумага");
  printer.set_fault(SimFault::PaperNearEnd);  // a warning: it still prints
  CHECK(printer.status().severity() == PrinterSeverity::Warning);
  CHECK(printer.print(B({1})).has_value());
  printer.set_fault(SimFault::None);
  CHECK(printer.status().severity() == PrinterSeverity::Ready);
  { std::ofstream(dir.path() / "cover-open") << ""; }
  CHECK(printer.status().cover_open);
  CHECK(printer.name().find("Симулятор принтера чеков") != std::string::npos);
}

TEST_CASE("sim printer: a folder that cannot be written is an error in words, not a crash") {
  use_russian();
  test::TempDir dir;
  { std::ofstream(dir.path() / "a-file") << "x"; }
  SimReceiptPrinter printer(dir.path() / "a-file" / "printer");
  auto r = printer.print(B({1, 2}));
  REQUIRE_FALSE(r.has_value());
  CHECK(r.error().code == ErrorCode::Io);
  CHECK(r.error().message.starts_with("Принтер чеков (симулятор): не удалось сохранить чек"));
}

// ---------------------------------------------------------------- preview

TEST_CASE("preview: the kiosk ticket renders at the paper's width, with text and a QR") {
  auto pv = preview();
  const char* keep = std::getenv("REGISTRATURA_PREVIEW_OUT");  // a folder to look at the PNGs in
  for (const Profile* p : {&default_profile_80mm(), &default_profile_58mm()}) {
    CAPTURE(p->id);
    const Bytes bytes = to_escpos(kiosk_ticket(), *p);
    const printing::PaperImage img = pv.render(bytes, p->width_dots);
    CHECK(img.width == (p->paper_mm == 80 ? 576 : 384));
    CHECK(img.height > 400);
    CHECK(img.height < 1200);
    const int dark = dark_pixels(img);
    CHECK(dark > 5000);                            // text, rules and the QR are there
    CHECK(dark < img.width * img.height / 3);      // … on white paper
    CHECK(has_dark_square(img, 3 * p->qr_module));  // a QR finder pattern's centre
    // Without the QR, no such square: text never makes one.
    Receipt no_qr = kiosk_ticket();
    Receipt stripped;
    for (const auto& item : no_qr.items())
      if (!std::holds_alternative<receipt_item::Qr>(item)) stripped.add(item);
    CHECK_FALSE(has_dark_square(pv.render(to_escpos(stripped, *p), p->width_dots), 3 * p->qr_module));

    // The PNG is a PNG of that size.
    const Bytes png = pv.render_png(bytes, p->width_dots);
    int w = 0, h = 0, comp = 0;
    unsigned char* px = stbi_load_from_memory(png.data(), static_cast<int>(png.size()), &w, &h, &comp, 1);
    REQUIRE(px != nullptr);
    stbi_image_free(px);
    CHECK(w == img.width);
    CHECK(h == img.height);
    test::TempDir tmp;
    const std::filesystem::path where =
        keep ? std::filesystem::path(keep) / ("ticket-" + p->id + ".png") : tmp.path() / "ticket.png";
    REQUIRE(pv.write_png(bytes, p->width_dots, where).has_value());
    CHECK(std::filesystem::file_size(where) == png.size());
  }
}

TEST_CASE("preview: alignment, double size, bold and the cut line are drawn") {
  auto pv = preview();
  auto ink_columns = [](const printing::PaperImage& img) {
    int first = img.width, last = -1;
    for (int y = 0; y < img.height; ++y)
      for (int x = 0; x < img.width; ++x)
        if (img.at(x, y) < 128) first = std::min(first, x), last = std::max(last, x);
    return std::pair{first, last};
  };
  const Bytes init = B({0x1B, 0x40, 0x1B, 0x74, 17});
  const auto left = ink_columns(pv.render(init + ascii("HELLO") + B({0x0A}), 576));
  const auto right = ink_columns(pv.render(init + B({0x1B, 0x61, 2}) + ascii("HELLO") + B({0x0A}), 576));
  const auto centre = ink_columns(pv.render(init + B({0x1B, 0x61, 1}) + ascii("HELLO") + B({0x0A}), 576));
  CHECK(left.first < 12);
  CHECK(right.second > 576 - 12);
  CHECK(std::abs((centre.first + centre.second) / 2 - 288) < 12);
  const auto normal = ink_columns(pv.render(init + ascii("WWWW") + B({0x0A}), 576));
  const auto wide = ink_columns(pv.render(init + B({0x1D, 0x21, 0x11}) + ascii("WWWW") + B({0x0A}), 576));
  CHECK((wide.second - wide.first) > 2 * (normal.second - normal.first) - 8);
  const int plain = dark_pixels(pv.render(init + cp866("Талон") + B({0x0A}), 576));
  const int bold = dark_pixels(pv.render(init + B({0x1B, 0x45, 1}) + cp866("Талон") + B({0x0A}), 576));
  CHECK(bold > plain);
  // The cut: one row of dashes across the paper, every 12 dots.
  const auto cut = pv.render(init + ascii("A") + B({0x0A, 0x1D, 0x56, 0x41, 0x00}), 384);
  bool dashed_row = false;
  for (int y = 0; y < cut.height && !dashed_row; ++y) {
    int dark = 0;
    for (int x = 0; x < cut.width; ++x) dark += cut.at(x, y) < 128;
    dashed_row = dark > cut.width / 2 && dark < cut.width * 2 / 3 && cut.at(0, y) < 128 && cut.at(9, y) > 128;
  }
  CHECK(dashed_row);
  // Lines wrap by themselves at the paper's edge: 40 characters on 384 dots are two lines.
  const auto one = pv.render(init + ascii(std::string(32, 'X')) + B({0x0A}), 384);
  const auto two = pv.render(init + ascii(std::string(40, 'X')) + B({0x0A}), 384);
  CHECK(two.height == one.height + 30);
}

TEST_CASE("preview: 5 000 garbage jobs and every truncation of a ticket render without a crash") {
  auto pv = preview();
  std::mt19937 rng(20240601);
  // Bytes that start commands, mixed in often, so the command paths see garbage too.
  const std::uint8_t starters[] = {0x1B, 0x1D, 0x10, 0x0A, 0x00, '(', 'k', 'V', '!', 'a', 'd', 0x31, 0x51, 0x50};
  for (int n = 0; n < 5000; ++n) {
    Bytes job(rng() % 700);
    for (auto& b : job)
      b = rng() % 3 == 0 ? starters[rng() % sizeof starters] : static_cast<std::uint8_t>(rng());
    const int width = n % 2 ? 384 : 576;
    const auto img = pv.render(job, width);
    REQUIRE(img.width == width);
    REQUIRE(img.height >= 1);
    REQUIRE(img.height <= printing::EscposPreview::kMaxHeight);
    REQUIRE(img.pixels.size() == static_cast<size_t>(img.width) * static_cast<size_t>(img.height));
  }
  const Bytes ticket = to_escpos(kiosk_ticket(), default_profile_80mm());
  for (size_t len = 0; len <= ticket.size(); ++len) {
    const auto img = pv.render(std::span(ticket).first(len), 576);
    REQUIRE(img.width == 576);
  }
  // A job asking for kilometres of paper stops at the limit.
  Bytes feeds;
  for (int i = 0; i < 2000; ++i) feeds = feeds + B({0x1B, 0x64, 255});
  CHECK(pv.render(feeds, 384).height <= printing::EscposPreview::kMaxHeight);
}
