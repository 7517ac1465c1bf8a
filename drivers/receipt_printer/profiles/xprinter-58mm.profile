# 58 mm POS-58 class receipt printer (Xprinter XP-58, Netum NT-5890K, Zjiang POS-5890 and their
# many rebrands): Font A 12×24, no cutter (tear bar).
# Values: escpos-printer-db data/profile/NT-5890K.yml (media.width.pixels 384, fonts.0 Font A
# columns 32, codePages 17: CP866, paperFullCut/paperPartCut false, inherits default: qrCode
# true). escpos-printer-db has no Xprinter entry; XP-58 units sold in Russia answer to the same
# commands. USB id 0416:5011 is the one python-escpos examples/barcodes.py uses with
# profile="POS-5890". qr_module is our choice.
id = xprinter-58
name = 58 mm POS-58 (Xprinter XP-58 class)
usb = 0416:5011
paper_mm = 58
width_dots = 384
columns = 32
codepage_pc866 = 17
cut_full = no
cut_partial = no
qr = yes
qr_module = 5
