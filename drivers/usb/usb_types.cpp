// DeviceInfo helpers and the libusb → DeviceInfo copy made at enumeration.
#include <cstdio>

#include "usb/usb_internal.h"

namespace rg::drivers::usb {

std::optional<EndpointInfo> InterfaceInfo::find(EndpointType type, bool in) const {
  for (const EndpointInfo& e : endpoints)
    if (e.type == type && e.is_in() == in) return e;
  return std::nullopt;
}

std::string DeviceInfo::key() const { return "usb:" + port_path; }

std::string DeviceInfo::vid_pid() const {
  char s[16];
  std::snprintf(s, sizeof s, "%04x:%04x", vendor_id, product_id);
  return s;
}

DeviceInfo describe(libusb_device* dev) {
  DeviceInfo d;
  d.bus = libusb_get_bus_number(dev);
  d.address = libusb_get_device_address(dev);
  std::uint8_t ports[8];
  const int n = libusb_get_port_numbers(dev, ports, sizeof ports);
  d.port_path = std::to_string(d.bus) + "-";
  if (n > 0) {
    for (int i = 0; i < n; ++i) d.port_path += (i ? "." : "") + std::to_string(ports[i]);
  } else {
    d.port_path += "a" + std::to_string(d.address);  // root hub or no topology: the address
  }
  libusb_device_descriptor desc{};
  if (libusb_get_device_descriptor(dev, &desc) == 0) {
    d.vendor_id = desc.idVendor;
    d.product_id = desc.idProduct;
    d.device_class = desc.bDeviceClass;
  }
  libusb_config_descriptor* cfg = nullptr;
  if (libusb_get_active_config_descriptor(dev, &cfg) != 0 && libusb_get_config_descriptor(dev, 0, &cfg) != 0)
    return d;
  for (int i = 0; i < cfg->bNumInterfaces; ++i) {
    const libusb_interface& itf = cfg->interface[i];
    for (int a = 0; a < itf.num_altsetting; ++a) {
      const libusb_interface_descriptor& id = itf.altsetting[a];
      InterfaceInfo info;
      info.number = id.bInterfaceNumber;
      info.alt_setting = id.bAlternateSetting;
      info.cls = id.bInterfaceClass;
      info.subclass = id.bInterfaceSubClass;
      info.protocol = id.bInterfaceProtocol;
      for (int e = 0; e < id.bNumEndpoints; ++e) {
        const libusb_endpoint_descriptor& ed = id.endpoint[e];
        info.endpoints.push_back({.address = ed.bEndpointAddress,
                                  .type = static_cast<EndpointType>(ed.bmAttributes & 0x03),
                                  .max_packet = static_cast<std::uint16_t>(ed.wMaxPacketSize & 0x7FF)});
      }
      d.interfaces.push_back(std::move(info));
    }
  }
  libusb_free_config_descriptor(cfg);
  return d;
}

}  // namespace rg::drivers::usb
