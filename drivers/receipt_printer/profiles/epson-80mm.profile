# Epson-compatible 80 mm receipt printer (TM-T20II / TM-T88 class), Font A 12×24.
# Values: escpos-printer-db data/profile/TM-T20II.yml (media.width.pixels 576, fonts.0 Font A
# columns 48, codePages 17: CP866, inherits default: qrCode true, paperFullCut/paperPartCut
# true); USB id 04b8:0202 is "Seiko Epson Corp. / Receipt Printer M129C/TM-T70" in usb.ids
# (usbids/usbids). qr_module is our choice (about 5 mm per 20 modules at 203 dpi).
id = epson-80
name = Epson-compatible 80 mm
usb = 04b8:0202
paper_mm = 80
width_dots = 576
columns = 48
codepage_pc866 = 17
cut_full = yes
cut_partial = yes
qr = yes
qr_module = 6
