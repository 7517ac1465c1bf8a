// The desk's few text colours, one meaning each: an error, a quiet aside, done, a warning, a link.
#pragma once

#include <imgui.h>

namespace rg::desk {

inline const ImVec4 kError(0.75f, 0.1f, 0.1f, 1), kQuiet(0.36f, 0.39f, 0.44f, 1), kGreen(0.10f, 0.50f, 0.29f, 1),
    kAmber(0.72f, 0.47f, 0.12f, 1), kBlue(0.18f, 0.44f, 0.92f, 1);

}  // namespace rg::desk
