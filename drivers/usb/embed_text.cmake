# cmake -DIN=usb-devices.conf -DOUT=usb_devices_data.h -P embed_text.cmake
file(READ "${IN}" content)
file(WRITE "${OUT}" "// Generated from drivers/usb/usb-devices.conf; edit that file.\n#pragma once\n\ninline constexpr const char* kUsbDevicesConf = R\"rg_conf(${content})rg_conf\";\n")
