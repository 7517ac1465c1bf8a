// Texture: an image on the graphics card for ImGui::Image, made from pixels on the UI thread
// through the shell's SDL_Renderer (so its ImTextureID is the SDL_Texture*). Owned: destroyed
// with the object, or never if the renderer it belongs to is gone already.
#pragma once

#include <expected>
#include <string>

#include <imgui.h>

struct SDL_Texture;
struct SDL_Renderer;

namespace rg::ui {

class Shell;

class Texture {
 public:
  Texture() = default;
  // `rgba`: width * height * 4 bytes, row-major, straight (not premultiplied) alpha.
  static std::expected<Texture, std::string> from_rgba(const Shell& shell, int width, int height,
                                                       const unsigned char* rgba);
  // `grey`: width * height bytes, 0 black … 255 white, opaque.
  static std::expected<Texture, std::string> from_grey(const Shell& shell, int width, int height,
                                                       const unsigned char* grey);
  ~Texture();
  Texture(Texture&& other) noexcept;
  Texture& operator=(Texture&& other) noexcept;
  Texture(const Texture&) = delete;
  Texture& operator=(const Texture&) = delete;

  explicit operator bool() const { return texture_ != nullptr; }
  ImTextureID id() const { return texture_; }
  int width() const { return width_; }
  int height() const { return height_; }
  // The shell's renderer was replaced (Shell::set_size offscreen): the texture is gone with the
  // old one and must be made again.
  bool lost() const;

 private:
  void reset();

  const Shell* shell_ = nullptr;
  SDL_Renderer* renderer_ = nullptr;  // the one it was made with
  SDL_Texture* texture_ = nullptr;
  int width_ = 0, height_ = 0;
};

}  // namespace rg::ui
