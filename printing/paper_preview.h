// The simulated receipt printer's pictures: after each job, a PNG of the paper next to its
// bytes (receipt-0001.bin → receipt-0001.png), so the demo, the desk and the tests can show
// what was printed. The renderer keeps a glyph cache and runs on the printing thread only.
#pragma once

#include "receipt_printer/sim_printer.h"

namespace rg::printing {

void attach_png_preview(drivers::SimReceiptPrinter& printer);

}  // namespace rg::printing
