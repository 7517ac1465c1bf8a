// Static textures in SDL_PIXELFORMAT_RGBA32 (bytes R, G, B, A in memory on any endianness),
// blended, scaled linearly: a page preview shrunk to the panel stays readable.
#include "ui/texture.h"

#include <SDL.h>

#include <utility>
#include <vector>

#include "ui/i18n.h"
#include "ui/shell.h"

namespace rg::ui {

std::expected<Texture, std::string> Texture::from_rgba(const Shell& shell, int width, int height,
                                                       const unsigned char* rgba) {
  SDL_Renderer* r = shell.renderer();
  if (r == nullptr) return std::unexpected(std::string(_("Cannot show the image: nothing to draw with.")));
  if (width <= 0 || height <= 0 || rgba == nullptr) return std::unexpected(std::string(_("The image is empty.")));
  SDL_RendererInfo info{};
  if (SDL_GetRendererInfo(r, &info) == 0 && ((info.max_texture_width > 0 && width > info.max_texture_width) ||
                                             (info.max_texture_height > 0 && height > info.max_texture_height)))
    return std::unexpected(std::string(_("The image is too large for this graphics card.")));
  SDL_Texture* t = SDL_CreateTexture(r, SDL_PIXELFORMAT_RGBA32, SDL_TEXTUREACCESS_STATIC, width, height);
  if (t == nullptr) return std::unexpected(std::string(_("Cannot show the image:")) + " " + SDL_GetError());
  if (SDL_UpdateTexture(t, nullptr, rgba, width * 4) != 0) {
    std::string why = SDL_GetError();
    SDL_DestroyTexture(t);
    return std::unexpected(std::string(_("Cannot show the image:")) + " " + why);
  }
  SDL_SetTextureBlendMode(t, SDL_BLENDMODE_BLEND);
  SDL_SetTextureScaleMode(t, SDL_ScaleModeLinear);
  Texture out;
  out.shell_ = &shell;
  out.renderer_ = r;
  out.texture_ = t;
  out.width_ = width;
  out.height_ = height;
  return out;
}

std::expected<Texture, std::string> Texture::from_grey(const Shell& shell, int width, int height,
                                                       const unsigned char* grey) {
  if (width <= 0 || height <= 0 || grey == nullptr) return std::unexpected(std::string(_("The image is empty.")));
  std::vector<unsigned char> rgba(static_cast<size_t>(width) * static_cast<size_t>(height) * 4);
  for (size_t i = 0, n = static_cast<size_t>(width) * static_cast<size_t>(height); i < n; ++i) {
    rgba[i * 4] = rgba[i * 4 + 1] = rgba[i * 4 + 2] = grey[i];
    rgba[i * 4 + 3] = 255;
  }
  return from_rgba(shell, width, height, rgba.data());
}

bool Texture::lost() const { return texture_ != nullptr && shell_->renderer() != renderer_; }

void Texture::reset() {
  // A replaced renderer destroyed its textures with it: destroying ours again would be a
  // use-after-free.
  if (texture_ != nullptr && !lost()) SDL_DestroyTexture(texture_);
  texture_ = nullptr;
  renderer_ = nullptr;
  shell_ = nullptr;
  width_ = height_ = 0;
}

Texture::~Texture() { reset(); }

Texture::Texture(Texture&& other) noexcept
    : shell_(std::exchange(other.shell_, nullptr)),
      renderer_(std::exchange(other.renderer_, nullptr)),
      texture_(std::exchange(other.texture_, nullptr)),
      width_(std::exchange(other.width_, 0)),
      height_(std::exchange(other.height_, 0)) {}

Texture& Texture::operator=(Texture&& other) noexcept {
  if (this != &other) {
    reset();
    shell_ = std::exchange(other.shell_, nullptr);
    renderer_ = std::exchange(other.renderer_, nullptr);
    texture_ = std::exchange(other.texture_, nullptr);
    width_ = std::exchange(other.width_, 0);
    height_ = std::exchange(other.height_, 0);
  }
  return *this;
}

}  // namespace rg::ui
