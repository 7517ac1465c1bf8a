// Shell: SDL2 + SDL_Renderer + Dear ImGui setup, the frame loop, themes, fonts and screenshots.
#include "ui/shell.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <system_error>
#include <utility>

#include <SDL.h>
#include <backends/imgui_impl_sdl.h>
#include <backends/imgui_impl_sdlrenderer.h>
#include <imgui_internal.h>  // ErrorCheckEndFrameRecover
#include <stb_image_write.h>

#include "ui/i18n.h"

namespace rg::ui {
namespace {

constexpr const char* kFontRegular = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
constexpr const char* kFontBold = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf";

// Beyond Latin-1 and Cyrillic: the typography of Russian documents and money (№ ₽ «» — …,
// narrow no-break space U+202F and thin space U+2009 as thousands separators, the minus sign)
// plus the arrows and marks screens use. Without them ImGui draws '?'.
constexpr const char* kExtraGlyphs =
    "№₽—–«»„“”‘’…•→←↑↓◀▶✓✗×·°−€⌫●\u202F\u2009";

constexpr Uint32 kFrameMs = 16;  // ~60 frames a second when vsync does not pace us

// SDL and the ImGui backends are process-wide singletons.
std::atomic<bool> g_shell_exists{false};

volatile std::sig_atomic_t g_terminate = 0;
extern "C" void on_terminate(int) { g_terminate = 1; }

ImVec4 rgb(unsigned hex, float alpha = 1.f) {
  return ImVec4(static_cast<float>((hex >> 16) & 0xFF) / 255.f,
                static_cast<float>((hex >> 8) & 0xFF) / 255.f,
                static_cast<float>(hex & 0xFF) / 255.f, alpha);
}

void apply_desk(ImGuiStyle& s) {
  ImGui::StyleColorsLight(&s);
  // Dense enough for a day schedule on one screen, with room to aim a mouse.
  s.WindowPadding = ImVec2(12, 10);
  s.FramePadding = ImVec2(8, 4);
  s.CellPadding = ImVec2(6, 3);
  s.ItemSpacing = ImVec2(8, 6);
  s.ItemInnerSpacing = ImVec2(6, 4);
  s.IndentSpacing = 18;
  s.ScrollbarSize = 14;
  s.GrabMinSize = 10;
  s.WindowRounding = 6;
  s.ChildRounding = 4;
  s.FrameRounding = 4;
  s.PopupRounding = 4;
  s.ScrollbarRounding = 6;
  s.GrabRounding = 4;
  s.TabRounding = 4;
  s.WindowBorderSize = 1;
  s.ChildBorderSize = 1;
  s.PopupBorderSize = 1;
  s.FrameBorderSize = 1;  // white inputs on a light window need an edge to be seen

  ImVec4* c = s.Colors;
  const ImVec4 accent = rgb(0x1F6FEB);
  c[ImGuiCol_Text] = rgb(0x1F2328);
  c[ImGuiCol_TextDisabled] = rgb(0x57606A);
  c[ImGuiCol_WindowBg] = rgb(0xF6F7F9);
  c[ImGuiCol_ChildBg] = rgb(0xFFFFFF, 0.f);
  c[ImGuiCol_PopupBg] = rgb(0xFFFFFF);
  c[ImGuiCol_Border] = rgb(0xD0D7DE);
  c[ImGuiCol_BorderShadow] = rgb(0x000000, 0.f);
  c[ImGuiCol_FrameBg] = rgb(0xFFFFFF);
  c[ImGuiCol_FrameBgHovered] = rgb(0xF0F4FA);
  c[ImGuiCol_FrameBgActive] = rgb(0xE6EEF9);
  c[ImGuiCol_TitleBg] = rgb(0xE9ECF0);
  c[ImGuiCol_TitleBgActive] = rgb(0xDDE3EA);
  c[ImGuiCol_TitleBgCollapsed] = rgb(0xE9ECF0);
  c[ImGuiCol_MenuBarBg] = rgb(0xEEF1F4);
  c[ImGuiCol_ScrollbarBg] = rgb(0xF0F2F4);
  c[ImGuiCol_ScrollbarGrab] = rgb(0xC4CBD3);
  c[ImGuiCol_ScrollbarGrabHovered] = rgb(0xAEB6BF);
  c[ImGuiCol_ScrollbarGrabActive] = rgb(0x97A0AA);
  c[ImGuiCol_CheckMark] = accent;
  c[ImGuiCol_SliderGrab] = accent;
  c[ImGuiCol_SliderGrabActive] = rgb(0x1858BC);
  c[ImGuiCol_Button] = rgb(0xE3E8EE);
  c[ImGuiCol_ButtonHovered] = rgb(0xD5DDE6);
  c[ImGuiCol_ButtonActive] = rgb(0xC5D0DC);
  c[ImGuiCol_Header] = rgb(0xDCE7F7);
  c[ImGuiCol_HeaderHovered] = rgb(0xE8F0FB);
  c[ImGuiCol_HeaderActive] = rgb(0xCFE0F7);
  c[ImGuiCol_Separator] = rgb(0xD0D7DE);
  c[ImGuiCol_SeparatorHovered] = accent;
  c[ImGuiCol_SeparatorActive] = accent;
  c[ImGuiCol_ResizeGrip] = rgb(0xC4CBD3, 0.5f);
  c[ImGuiCol_ResizeGripHovered] = rgb(0x1F6FEB, 0.6f);
  c[ImGuiCol_ResizeGripActive] = accent;
  c[ImGuiCol_Tab] = rgb(0xE3E8EE);
  c[ImGuiCol_TabHovered] = rgb(0xF6F7F9);
  c[ImGuiCol_TabActive] = rgb(0xFFFFFF);
  c[ImGuiCol_TabUnfocused] = rgb(0xE9ECF0);
  c[ImGuiCol_TabUnfocusedActive] = rgb(0xF6F7F9);
  c[ImGuiCol_TableHeaderBg] = rgb(0xE9EDF2);
  c[ImGuiCol_TableBorderStrong] = rgb(0xC9D1D9);
  c[ImGuiCol_TableBorderLight] = rgb(0xDEE3E8);
  c[ImGuiCol_TableRowBg] = rgb(0xFFFFFF, 0.f);
  c[ImGuiCol_TableRowBgAlt] = rgb(0x1F2328, 0.035f);
  c[ImGuiCol_TextSelectedBg] = rgb(0x1F6FEB, 0.3f);
  c[ImGuiCol_DragDropTarget] = accent;
  c[ImGuiCol_NavHighlight] = accent;
  c[ImGuiCol_ModalWindowDimBg] = rgb(0x1F2328, 0.35f);
}

void apply_kiosk(ImGuiStyle& s) {
  ImGui::StyleColorsLight(&s);
  // A finger is ~10 mm wide and people read the screen from a step away.
  s.WindowPadding = ImVec2(32, 28);
  s.FramePadding = ImVec2(28, 18);
  s.CellPadding = ImVec2(14, 10);
  s.ItemSpacing = ImVec2(20, 18);
  s.ItemInnerSpacing = ImVec2(14, 10);
  s.TouchExtraPadding = ImVec2(4, 4);
  s.IndentSpacing = 32;
  s.ScrollbarSize = 32;
  s.GrabMinSize = 32;
  s.WindowRounding = 0;  // kiosk windows fill the screen
  s.ChildRounding = 18;
  s.FrameRounding = 16;
  s.PopupRounding = 18;
  s.ScrollbarRounding = 16;
  s.GrabRounding = 16;
  s.TabRounding = 14;
  s.WindowBorderSize = 0;
  s.ChildBorderSize = 0;  // panels are told apart by their tint, not by lines
  s.PopupBorderSize = 2;
  s.FrameBorderSize = 2;  // input edges meet WCAG's 3:1 for controls; button() drops it

  ImVec4* c = s.Colors;
  const ImVec4 accent = rgb(0x0B57D0);  // white on it: 6.4:1
  c[ImGuiCol_Text] = rgb(0x111418);     // on white: 18.5:1
  c[ImGuiCol_TextDisabled] = rgb(0x5A6270);
  c[ImGuiCol_WindowBg] = rgb(0xFFFFFF);
  c[ImGuiCol_ChildBg] = rgb(0xF1F4F8);
  c[ImGuiCol_PopupBg] = rgb(0xFFFFFF);
  c[ImGuiCol_Border] = rgb(0x6B7480);  // 4.7:1 on white
  c[ImGuiCol_BorderShadow] = rgb(0x000000, 0.f);
  c[ImGuiCol_FrameBg] = rgb(0xFFFFFF);
  c[ImGuiCol_FrameBgHovered] = rgb(0xF1F4F8);
  c[ImGuiCol_FrameBgActive] = rgb(0xE8F0FE);
  c[ImGuiCol_TitleBg] = rgb(0xF1F4F8);
  c[ImGuiCol_TitleBgActive] = rgb(0xE3EAF3);
  c[ImGuiCol_TitleBgCollapsed] = rgb(0xF1F4F8);
  c[ImGuiCol_MenuBarBg] = rgb(0xF1F4F8);
  c[ImGuiCol_ScrollbarBg] = rgb(0xF1F4F8);
  c[ImGuiCol_ScrollbarGrab] = rgb(0xA9B2BE);
  c[ImGuiCol_ScrollbarGrabHovered] = rgb(0x8A93A0);
  c[ImGuiCol_ScrollbarGrabActive] = rgb(0x6B7480);
  c[ImGuiCol_CheckMark] = accent;
  c[ImGuiCol_SliderGrab] = accent;
  c[ImGuiCol_SliderGrabActive] = rgb(0x083F96);
  // Hovered and active stay dark: on a touch screen "hovered" sticks after a tap, and the
  // label colour button() picks must keep its contrast in every state.
  c[ImGuiCol_Button] = accent;
  c[ImGuiCol_ButtonHovered] = rgb(0x0A4DB8);
  c[ImGuiCol_ButtonActive] = rgb(0x083F96);
  c[ImGuiCol_Header] = rgb(0xC6DAFB);
  c[ImGuiCol_HeaderHovered] = rgb(0xDCE8FC);
  c[ImGuiCol_HeaderActive] = rgb(0xB3CDF8);
  c[ImGuiCol_Separator] = rgb(0xC3CAD4);
  c[ImGuiCol_SeparatorHovered] = accent;
  c[ImGuiCol_SeparatorActive] = accent;
  c[ImGuiCol_ResizeGrip] = rgb(0xFFFFFF, 0.f);  // nothing to resize on a kiosk
  c[ImGuiCol_ResizeGripHovered] = rgb(0xFFFFFF, 0.f);
  c[ImGuiCol_ResizeGripActive] = rgb(0xFFFFFF, 0.f);
  c[ImGuiCol_Tab] = rgb(0xE3EAF3);
  c[ImGuiCol_TabHovered] = rgb(0xDCE8FC);
  c[ImGuiCol_TabActive] = rgb(0xC6DAFB);
  c[ImGuiCol_TabUnfocused] = rgb(0xE3EAF3);
  c[ImGuiCol_TabUnfocusedActive] = rgb(0xC6DAFB);
  c[ImGuiCol_TableHeaderBg] = rgb(0xE3EAF3);
  c[ImGuiCol_TableBorderStrong] = rgb(0x8A93A0);
  c[ImGuiCol_TableBorderLight] = rgb(0xC3CAD4);
  c[ImGuiCol_TableRowBg] = rgb(0xFFFFFF, 0.f);
  c[ImGuiCol_TableRowBgAlt] = rgb(0xF1F4F8);
  c[ImGuiCol_TextSelectedBg] = rgb(0x0B57D0, 0.3f);
  c[ImGuiCol_DragDropTarget] = accent;
  c[ImGuiCol_NavHighlight] = accent;
  c[ImGuiCol_ModalWindowDimBg] = rgb(0x111418, 0.5f);
}

float srgb_to_linear(float c) {
  return c <= 0.04045f ? c / 12.92f : std::pow((c + 0.055f) / 1.055f, 2.4f);
}

float luminance(const ImVec4& c) {
  return 0.2126f * srgb_to_linear(c.x) + 0.7152f * srgb_to_linear(c.y) +
         0.0722f * srgb_to_linear(c.z);
}

Uint8 to_byte(float c) { return static_cast<Uint8>(std::clamp(c, 0.f, 1.f) * 255.f + 0.5f); }

std::string sdl_error(const char* what) { return std::string(what) + ": " + SDL_GetError(); }

}  // namespace

std::expected<std::unique_ptr<Shell>, std::string> Shell::create(const ShellOptions& options) {
  namespace fs = std::filesystem;
  for (const char* path : {kFontRegular, kFontBold}) {
    std::error_code ec;
    if (!fs::is_regular_file(path, ec))
      return std::unexpected(std::string(_("Font file not found (install fonts-dejavu-core)")) +
                             ": " + path);
  }
  if (g_shell_exists.exchange(true))
    return std::unexpected(std::string(_("Only one window can be open at a time")));
  std::unique_ptr<Shell> shell(new Shell());  // from here the destructor undoes what was done
  shell->options_ = options;

  // Before SDL_Init, which reads it; a driver the caller chose stays.
  if (options.offscreen) setenv("SDL_VIDEODRIVER", "offscreen", 0);
  // SDL would turn SIGTERM and SIGINT into a window-close request, which a locked kiosk ignores;
  // the system's stop request must still stop it, so the signals end the loop directly.
  install_stop_signals();
  if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_TIMER) != 0)
    return std::unexpected(sdl_error(_("Cannot start the display")));
  shell->sdl_ready_ = true;

  IMGUI_CHECKVERSION();
  shell->imgui_ = ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;  // window layout comes from code, never from a stray imgui.ini
  io.LogFilename = nullptr;

  ImFontGlyphRangesBuilder ranges;
  ranges.AddRanges(io.Fonts->GetGlyphRangesDefault());  // Basic Latin + Latin-1
  ranges.AddRanges(io.Fonts->GetGlyphRangesCyrillic());
  ranges.AddText(kExtraGlyphs);
  ranges.BuildRanges(&shell->glyph_ranges_);

  std::vector<float> sizes = options.extra_font_sizes;
  sizes.push_back(options.font_size);
  std::sort(sizes.begin(), sizes.end());
  sizes.erase(std::unique(sizes.begin(), sizes.end()), sizes.end());
  for (float size : sizes) {
    ImFontConfig config;
    // Sub-pixel oversampling is invisible on big glyphs and would triple their atlas area.
    config.OversampleH = size >= 32.f ? 1 : 3;
    ImFont* f = io.Fonts->AddFontFromFileTTF(kFontRegular, size, &config,
                                             shell->glyph_ranges_.Data);
    if (f == nullptr)
      return std::unexpected(std::string(_("Cannot load font")) + ": " + kFontRegular);
    shell->fonts_.emplace_back(size, f);
    if (size == options.font_size) io.FontDefault = f;
  }
  shell->bold_ = io.Fonts->AddFontFromFileTTF(kFontBold, options.font_size, nullptr,
                                              shell->glyph_ranges_.Data);
  if (shell->bold_ == nullptr || !io.Fonts->Build())
    return std::unexpected(std::string(_("Cannot load font")) + ": " + kFontBold);

  shell->set_theme(options.theme);
  if (auto opened = shell->open_window(options.width, options.height, options.fullscreen);
      !opened)
    return std::unexpected(opened.error());
  return shell;
}

Shell::~Shell() {
  close_window();
  if (imgui_ != nullptr) ImGui::DestroyContext(imgui_);
  if (sdl_ready_) SDL_Quit();
  g_shell_exists.store(false);
}

std::expected<void, std::string> Shell::open_window(int w, int h, bool fullscreen) {
  Uint32 flags = SDL_WINDOW_RESIZABLE;
  if (fullscreen) flags |= SDL_WINDOW_FULLSCREEN_DESKTOP;
  window_ = SDL_CreateWindow(options_.title.c_str(), SDL_WINDOWPOS_CENTERED,
                             SDL_WINDOWPOS_CENTERED, w, h, flags);
  if (window_ == nullptr) return std::unexpected(sdl_error(_("Cannot open a window")));
  if (options_.locked && fullscreen) SDL_SetWindowKeyboardGrab(window_, SDL_TRUE);

  renderer_ =
      SDL_CreateRenderer(window_, -1, SDL_RENDERER_ACCELERATED | SDL_RENDERER_PRESENTVSYNC);
  if (renderer_ == nullptr)  // no GPU driver, or the dummy video driver
    renderer_ = SDL_CreateRenderer(window_, -1, SDL_RENDERER_SOFTWARE);
  if (renderer_ == nullptr) return std::unexpected(sdl_error(_("Cannot start drawing")));

  SDL_RendererInfo info{};
  SDL_GetRendererInfo(renderer_, &info);
  gl_finish_ = nullptr;
  if (options_.offscreen && std::strncmp(info.name, "opengl", 6) == 0)
    gl_finish_ = reinterpret_cast<void (*)()>(SDL_GL_GetProcAddress("glFinish"));
  const ImFontAtlas& atlas = *ImGui::GetIO().Fonts;
  if ((info.max_texture_width > 0 && atlas.TexWidth > info.max_texture_width) ||
      (info.max_texture_height > 0 && atlas.TexHeight > info.max_texture_height))
    return std::unexpected(std::string(_("Too many or too large fonts for this graphics card")));

  platform_ready_ = ImGui_ImplSDL2_InitForSDLRenderer(window_);
  renderer_ready_ = ImGui_ImplSDLRenderer_Init(renderer_);
  if (!platform_ready_ || !renderer_ready_)
    return std::unexpected(std::string(_("Cannot start drawing")));
  return {};
}

void Shell::close_window() {
  if (renderer_ready_) ImGui_ImplSDLRenderer_Shutdown();
  if (platform_ready_) ImGui_ImplSDL2_Shutdown();
  renderer_ready_ = platform_ready_ = false;
  if (renderer_ != nullptr) SDL_DestroyRenderer(renderer_);
  if (window_ != nullptr) SDL_DestroyWindow(window_);
  renderer_ = nullptr;
  window_ = nullptr;
}

void Shell::handle_event(const SDL_Event& event) {
  ImGui_ImplSDL2_ProcessEvent(&event);
  if (options_.locked) return;
  if (event.type == SDL_QUIT) stop_ = true;
  if (event.type == SDL_WINDOWEVENT && event.window.event == SDL_WINDOWEVENT_CLOSE &&
      event.window.windowID == SDL_GetWindowID(window_))
    stop_ = true;
}

void Shell::pump_events() {
  SDL_Event event;
  while (SDL_PollEvent(&event)) handle_event(event);
}

void Shell::draw_frame(const std::function<void()>& frame) {
  tasks_.drain();
  ImGui_ImplSDLRenderer_NewFrame();
  ImGui_ImplSDL2_NewFrame();
  ImGui::NewFrame();
  try {
    frame();
  } catch (...) {
    // Close what frame() left open so the next NewFrame does not assert, then let it go on.
    ImGui::ErrorCheckEndFrameRecover(nullptr);
    ImGui::EndFrame();
    throw;
  }
  ImGui::Render();
  const ImVec4 bg = ImGui::GetStyle().Colors[ImGuiCol_WindowBg];
  SDL_SetRenderDrawColor(renderer_, to_byte(bg.x), to_byte(bg.y), to_byte(bg.z), 255);
  SDL_RenderClear(renderer_);
  ImGui_ImplSDLRenderer_RenderDrawData(ImGui::GetDrawData());
}

void Shell::present() {
  SDL_RenderPresent(renderer_);
  // Offscreen, the GL renderer draws into an EGL pbuffer, where swapping is a no-op: nothing
  // makes Mesa execute the queued frames and its command memory grows by every frame. Finish.
  if (gl_finish_ != nullptr) gl_finish_();
}

void Shell::run(const std::function<void()>& frame) {
  stop_ = renderer_ == nullptr;  // no window only after a failed set_size()
  Uint64 next_frame = SDL_GetTicks64();
  while (!stop_) {
    // Sleep until an event or the next frame is due: idle costs a frame's drawing, no spinning.
    const Uint64 now = SDL_GetTicks64();
    if (next_frame > now) {
      SDL_Event event;
      if (SDL_WaitEventTimeout(&event, static_cast<int>(next_frame - now)) != 0)
        handle_event(event);
    }
    pump_events();
    if (stop_ || g_terminate) break;  // also a stop requested before the loop began
    next_frame = std::max(next_frame, now) + kFrameMs;
    draw_frame(frame);
    present();
  }
}

std::expected<void, std::string> Shell::render_to_png(const std::function<void()>& frame,
                                                      int frames, const std::string& png_path) {
  if (renderer_ == nullptr) return std::unexpected(std::string(_("Cannot open a window")));
  for (int i = 1; i < frames; ++i) {
    pump_events();
    draw_frame(frame);
    present();
  }
  pump_events();
  draw_frame(frame);

  // Read back before present: afterwards the back buffer's content is undefined.
  int w = 0, h = 0;
  if (SDL_GetRendererOutputSize(renderer_, &w, &h) != 0 || w <= 0 || h <= 0)
    return std::unexpected(sdl_error(_("Cannot take a screenshot")));
  std::vector<unsigned char> pixels(static_cast<std::size_t>(w) * static_cast<std::size_t>(h) * 4);
  const int read = SDL_RenderReadPixels(renderer_, nullptr, SDL_PIXELFORMAT_ABGR8888,
                                        pixels.data(), w * 4);
  present();
  if (read != 0) return std::unexpected(sdl_error(_("Cannot take a screenshot")));
  // Blending leaves partial alpha in some back buffers; a screenshot is opaque.
  for (std::size_t i = 3; i < pixels.size(); i += 4) pixels[i] = 255;
  if (stbi_write_png(png_path.c_str(), w, h, 4, pixels.data(), w * 4) == 0)
    return std::unexpected(std::string(_("Cannot write the screenshot")) + ": " + png_path);
  return {};
}

void Shell::render_until(const std::function<void()>& frame, const std::function<bool()>& settled,
                         int max_frames) {
  if (renderer_ == nullptr) return;
  int calm = 0;
  for (int i = 0; i < max_frames && calm < 2; ++i) {
    pump_events();
    draw_frame(frame);
    present();
    calm = settled() && tasks_.empty() ? calm + 1 : 0;
    if (calm == 0) SDL_Delay(2);  // let the worker thread answer
  }
}

void Shell::stop() { stop_ = true; }

void install_stop_signals() {
  SDL_SetHint(SDL_HINT_NO_SIGNAL_HANDLERS, "1");
  std::signal(SIGTERM, on_terminate);
  std::signal(SIGINT, on_terminate);
}

std::expected<void, std::string> Shell::set_size(int w, int h) {
  const char* driver = SDL_GetCurrentVideoDriver();
  if (driver != nullptr && std::strcmp(driver, "offscreen") == 0) {
    // The offscreen driver's EGL pbuffer keeps the size the window was created with, so a
    // resized window would draw into the old surface: open a new window of the new size.
    int old_w = 0, old_h = 0;
    SDL_GetWindowSize(window_, &old_w, &old_h);
    close_window();
    auto opened = open_window(w, h, false);
    if (!opened) {
      close_window();
      (void)open_window(old_w, old_h, false);  // keep something to draw on if we can
    }
    return opened;
  }
  if ((SDL_GetWindowFlags(window_) & SDL_WINDOW_FULLSCREEN) != 0)
    SDL_SetWindowFullscreen(window_, 0);
  SDL_SetWindowSize(window_, w, h);
  return {};
}

void Shell::set_theme(Theme theme) {
  theme_ = theme;
  ImGuiStyle style;  // from defaults, so switching themes leaves nothing of the previous one
  if (theme == Theme::Kiosk)
    apply_kiosk(style);
  else
    apply_desk(style);
  ImGui::GetStyle() = style;
}

Theme Shell::theme() const { return theme_; }

ImFont* Shell::font(float size) const {
  auto nearest = std::min_element(fonts_.begin(), fonts_.end(), [size](auto& a, auto& b) {
    return std::fabs(a.first - size) < std::fabs(b.first - size);
  });
  return nearest->second;
}

ImFont* Shell::bold_font() const { return bold_; }

TaskQueue& Shell::tasks() { return tasks_; }

SDL_Window* Shell::window() const { return window_; }

SDL_Renderer* Shell::renderer() const { return renderer_; }

ImVec4 text_colour_on(const ImVec4& background) {
  const ImVec4 dark = rgb(0x111418);
  const ImVec4 light = rgb(0xFFFFFF);
  // WCAG contrast ratio (L1 + 0.05) / (L2 + 0.05) against each candidate.
  const float lb = luminance(background) + 0.05f;
  const float with_dark = lb / (luminance(dark) + 0.05f);
  const float with_light = (luminance(light) + 0.05f) / lb;
  return with_light > with_dark ? light : dark;
}

bool open_folder(const std::string& path) { return SDL_OpenURL(("file://" + path).c_str()) == 0; }

bool button(const char* label, const ImVec2& size) {
  const ImGuiStyle& style = ImGui::GetStyle();
  const ImVec4 text = text_colour_on(style.Colors[ImGuiCol_Button]);
  const bool filled = luminance(text) > 0.5f;  // white label: a solid accent button
  ImGui::PushStyleColor(ImGuiCol_Text, text);
  if (filled) ImGui::PushStyleVar(ImGuiStyleVar_FrameBorderSize, 0.f);
  const bool pressed = ImGui::Button(label, size);
  if (filled) ImGui::PopStyleVar();
  ImGui::PopStyleColor();
  return pressed;
}

}  // namespace rg::ui
