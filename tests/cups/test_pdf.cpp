// PDFs through cairo's stream surface, so the bytes never touch the disk before printing.
#include "test_pdf.h"

#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include <cstdio>
#include <fstream>
#include <sstream>

namespace rg::test {
namespace {

constexpr double kA4W = 595.276, kA4H = 841.89;

cairo_status_t append(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

std::string command_output(const std::string& command) {
  FILE* pipe = ::popen(command.c_str(), "r");
  if (!pipe) return {};
  std::string text;
  char buf[4096];
  while (size_t n = std::fread(buf, 1, sizeof buf, pipe)) text.append(buf, n);
  ::pclose(pipe);
  return text;
}

}  // namespace

std::string make_pdf(const std::vector<std::string>& pages) {
  std::string bytes;
  cairo_surface_t* surface = cairo_pdf_surface_create_for_stream(append, &bytes, kA4W, kA4H);
  cairo_t* cr = cairo_create(surface);
  PangoLayout* layout = pango_cairo_create_layout(cr);
  PangoFontDescription* font = pango_font_description_from_string("DejaVu Sans 12");
  pango_layout_set_font_description(layout, font);
  pango_layout_set_width(layout, static_cast<int>((kA4W - 120) * PANGO_SCALE));
  pango_layout_set_wrap(layout, PANGO_WRAP_WORD);
  for (const std::string& text : pages) {
    cairo_move_to(cr, 60, 60);
    pango_layout_set_text(layout, text.c_str(), -1);
    pango_cairo_show_layout(cr, layout);
    cairo_show_page(cr);
  }
  pango_font_description_free(font);
  g_object_unref(layout);
  cairo_destroy(cr);
  cairo_surface_finish(surface);
  cairo_surface_destroy(surface);
  return bytes;
}

std::string contract_pdf() {
  return make_pdf({
      "Договор на оказание платных медицинских услуг № 2026-0042\n\n"
      "ООО «Клиника Здоровье», ИНН 7701234567, лицензия № Л041-01137-77/00368351.\n"
      "Пациент: Иванова Анна Петровна.",
      "Перечень услуг: приём терапевта первичный — 2 500,00 ₽.\nИтого: 2 500,00 ₽.",
      "Подписи сторон\n\nИсполнитель ____________    Пациент ____________",
  });
}

std::string pdf_text(const std::string& path) {
  return command_output("pdftotext -q '" + path + "' - 2>/dev/null");
}

int pdf_pages(const std::string& path) {
  const std::string info = command_output("pdfinfo '" + path + "' 2>/dev/null");
  std::istringstream in(info);
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("Pages:", 0) == 0) return std::stoi(line.substr(6));
  }
  return -1;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

int count_of(const std::string& haystack, const std::string& needle) {
  int n = 0;
  for (size_t at = haystack.find(needle); at != std::string::npos;
       at = haystack.find(needle, at + needle.size())) {
    ++n;
  }
  return n;
}

}  // namespace rg::test
