// A fiscal registrar's status said as the device list says it: one function for every
// registrar the desk shows (the virtual one, the ATOL on USB), so they read alike.
#pragma once

#include "device_manager.h"
#include "fiscal/fiscal_registrar.h"

namespace rg::drivers::fiscal {

// Asks the registrar for its status (may take as long as its own timeout).
DeviceHealth registrar_health(FiscalRegistrar& registrar);

}  // namespace rg::drivers::fiscal
