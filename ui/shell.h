// Shell: the SDL2 window, renderer, Dear ImGui context, fonts and theme both applications run in.
#pragma once

#include <atomic>
#include <expected>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include <imgui.h>

#include "ui/task_queue.h"

struct SDL_Window;
struct SDL_Renderer;
typedef union SDL_Event SDL_Event;

namespace rg::ui {

// Desk: light, calm and dense, for administrators at a desk all day.
// Kiosk: high contrast for a lobby touch screen: near-black text on white, big rounded buttons
// in a strong blue with white labels.
enum class Theme { Desk, Kiosk };

struct ShellOptions {
  std::string title;
  int width = 1600, height = 900;
  bool fullscreen = false;
  bool offscreen = false;  // render without a display: SDL_VIDEODRIVER=offscreen unless already set
  float font_size = 18.f;  // base font, ImGui's default font
  std::vector<float> extra_font_sizes;  // more sizes of the same face, e.g. {32, 48, 72}
  Theme theme = Theme::Desk;
  // A public kiosk: closing the window (Alt+F4, the window manager) is ignored and the keyboard
  // is grabbed while fullscreen, so only the application itself (an administrator's PIN) or the
  // system (SIGTERM) ends it.
  bool locked = false;
};

// One Shell per process at a time: SDL and the ImGui backends keep global state.
class Shell {
 public:
  static std::expected<std::unique_ptr<Shell>, std::string> create(const ShellOptions& options);
  ~Shell();  // shuts down the ImGui backends, renderer, window, SDL
  Shell(const Shell&) = delete;
  Shell& operator=(const Shell&) = delete;

  // Loops until the window is closed or stop() is called. Each frame drains tasks(), then
  // calls frame() between ImGui::NewFrame and ImGui::Render. At most ~60 frames a second, and
  // it sleeps in SDL_WaitEventTimeout rather than spinning when nothing happens.
  void run(const std::function<void()>& frame);

  // Renders `frames` whole frames (tasks, NewFrame, frame(), Render, draw) and writes the last
  // one to a PNG (at least one frame). Tab bars, auto-sized windows and tables need a frame to
  // lay out before they draw right: use 2 or more, 3 to be safe.
  std::expected<void, std::string> render_to_png(const std::function<void()>& frame, int frames,
                                                 const std::string& png_path);

  // Renders frames (without capturing) until settled() has held for two frames in a row, or
  // max_frames have passed: a screenshot waits for the workers' answers this way.
  void render_until(const std::function<void()>& frame, const std::function<bool()>& settled,
                    int max_frames = 600);

  void stop();  // any thread; run() returns after the current frame

  // Resizes the window and the renderer's output, e.g. to screenshot the kiosk at 1920x1080 and
  // 1080x1920. Leaves fullscreen first, where a size would be ignored. Under the offscreen
  // driver it opens a new window; if that fails, the error says why.
  std::expected<void, std::string> set_size(int w, int h);

  void set_theme(Theme theme);
  Theme theme() const;

  ImFont* font(float size) const;  // the loaded regular font whose size is nearest
  ImFont* bold_font() const;       // DejaVuSans-Bold at the base size
  TaskQueue& tasks();
  SDL_Window* window() const;
  // What textures are made with (ui/texture.h). set_size() under the offscreen driver replaces
  // it, and the textures of the old one with it.
  SDL_Renderer* renderer() const;

 private:
  Shell() = default;
  std::expected<void, std::string> open_window(int w, int h, bool fullscreen);
  void close_window();
  void handle_event(const SDL_Event& event);
  void pump_events();
  void draw_frame(const std::function<void()>& frame);
  void present();

  ShellOptions options_;
  SDL_Window* window_ = nullptr;
  SDL_Renderer* renderer_ = nullptr;
  bool sdl_ready_ = false;
  ImGuiContext* imgui_ = nullptr;
  bool platform_ready_ = false;
  bool renderer_ready_ = false;
  std::atomic<bool> stop_{false};  // stop() may come from a worker thread
  Theme theme_ = Theme::Desk;
  ImVector<ImWchar> glyph_ranges_;  // the atlas keeps a pointer into it until it is destroyed
  std::vector<std::pair<float, ImFont*>> fonts_;  // regular face by size, ascending
  ImFont* bold_ = nullptr;
  TaskQueue tasks_;
  void (*gl_finish_)() = nullptr;  // glFinish when drawing offscreen through OpenGL
};

// SIGTERM and SIGINT end Shell::run() cleanly, also when they arrive before it starts. Call it
// first thing in main(); Shell::create() calls it too.
void install_stop_signals();

// Use instead of ImGui::Button for actions: ImGui draws every label in ImGuiCol_Text (near
// black), which fails contrast on the Kiosk theme's strong blue; this picks white or near-black
// for the label, whichever contrasts more with the current button colour.
bool button(const char* label, const ImVec2& size = ImVec2(0, 0));

// The label colour (white or near black) with the higher WCAG contrast against `background`.
ImVec4 text_colour_on(const ImVec4& background);

// Shows a folder in the desktop's file manager (SDL_OpenURL with a file:// address); false when
// the desktop has none (a kiosk, a headless run).
bool open_folder(const std::string& path);

}  // namespace rg::ui
