#!/usr/bin/env python3
"""Writes the ATOL v3 replay scripts (*.urbs) for tests/fiscal: what an ATOL registrar on the CDC
device 1-7 of tests/usb/data/devices.umockdev (2912:0005, bus 1 device 9, bulk OUT 01, IN 82)
sees and answers. The frames are built here by a second, independent implementation of the
transport (after atol4j's TransportProtocolV3), so the C++ driver's bytes are checked against it:
umockdev refuses any OUT payload that differs. Run it after changing the driver's sequence:
    python3 tests/fiscal/data/make_atol_replays.py
"""
import os

STX, ESC, T_STX, T_ESC = 0xFE, 0xFD, 0xEE, 0xED


def crc8(data, crc=0xFF):
    for b in data:
        crc ^= b
        for _ in range(8):
            crc = ((crc << 1) ^ 0x31) & 0xFF if crc & 0x80 else (crc << 1) & 0xFF
    return crc


def packet(pid, data):
    out = [STX, len(data) & 0x7F, len(data) >> 7, pid]
    for b in list(data) + [crc8(data, crc8([pid]))]:
        out += [ESC, T_STX] if b == STX else [ESC, T_ESC] if b == ESC else [b]
    return out


def bcd(value, n):
    out = []
    for _ in range(n):
        two = value % 100
        out.insert(0, (two // 10) << 4 | two % 10)
        value //= 100
    return out


def le(value, n):
    return [(value >> (8 * i)) & 0xFF for i in range(n)]


def hexs(bs):
    return " ".join("%02x" % b for b in bs)


class Script:
    def __init__(self, title):
        self.lines = ["# " + line for line in title.strip().splitlines()] + ["device 1 9"]
        self.pid = 0xDF  # the driver's first packet is 0
        self.tid = 0xDF

    def next_pid(self):
        self.pid = 0 if self.pid >= 0xDF else self.pid + 1
        return self.pid

    def out(self, comment, data):
        pid = self.next_pid()
        self.lines.append("# " + comment)
        self.lines.append("bulk_out 01 : " + hexs(packet(pid, data)))
        return pid

    def reply(self, pid, data):
        frame = packet(pid, data)
        for i in range(0, len(frame), 64):  # the channel asks for 64 bytes at a time
            self.lines.append("bulk_in 82 64 -> " + hexs(frame[i:i + 64]))

    def command(self, comment, cmd, answer, in_progress=False):
        """Add task (flags 01: need result) → [A2, then Req →] A3 + answer → Ack."""
        self.tid = 0 if self.tid >= 0xDF else self.tid + 1
        pid = self.out(comment, [0xC1, 0x01, self.tid] + cmd)
        if in_progress:
            self.reply(pid, [0xA2])
            pid = self.out("Req: is the task done?", [0xC3, self.tid])
        self.reply(pid, [0xA3] + answer)
        self.out("Ack of the result", [0xC2, self.tid])

    def save(self, path):
        with open(path, "w") as f:
            f.write("\n".join(self.lines) + "\n")


PWD = bcd(0, 2)            # access password 0000
CASHIER = bcd(30, 4)       # registration mode password
OK = [0x55, 0x00, 0x00]


def device_state(mode=0, shift_open=True, receipt_state=0, receipt_number=6, shift=12, paper=True):
    flags = 0x01 | (0x02 if shift_open else 0) | (0x08 if paper else 0) | 0x40  # fiscalized, shift, paper, ФН active
    return ([0x44] + bcd(1, 1) + [1] + bcd(26, 1) + bcd(12, 1) + bcd(6, 1) + bcd(10, 1) + bcd(31, 1) + bcd(5, 1)
            + [flags] + bcd(123456, 4) + [57, 0, 0] + [mode & 0x0F] + bcd(receipt_number, 2) + bcd(shift, 2)
            + [receipt_state] + bcd(0, 5) + [2, 4])


def fn_status(last):
    return OK[:2] + [3, 0, 0, 1, 0] + [26, 12, 6, 10, 31] + list(b"9960440300000001") + le(last, 4)


def fn_document(kind, number, sign, op=None, total=None):
    body = OK[:2] + [kind, 0] + [26, 12, 6, 10, 31] + le(number, 4) + le(sign, 4)
    if op is not None:
        body += [op] + le(total, 5)
    return body


NAME = "Приём врача-терапевта первичный"
CASHIER_NAME = "Администратор Иванова А. П."
CONTACT = "+79161234567"
REF = "pay-17"


def text(value):
    """The registrar's codepage: PC866 with '№' and '$' swapped (the names here have neither)."""
    return list(value.encode("cp866"))


def write_tag(tag, value):
    """E8h: flags 1, one block numbered 0, tag and length little-endian, the value."""
    data = text(value)
    return PWD + [0xE8, 0x01, 0x01, 0x00] + le(tag, 2) + le(len(data), 2) + data


BEGIN_ITEM = PWD + [0xEA, 0x00, 0x01, 0x00]


def end_item(name, price, qty_milli, tax=6, subject=4, method=4):
    """EBh: flags, price, quantity, cost, tax, tax sum, section, 1212, 1214 (BCD), discount
    sign and sum, two reserved bytes, the name."""
    return (PWD + [0xEB, 0x00] + bcd(price, 7) + bcd(qty_milli, 5) + bcd(price * qty_milli // 1000, 7) + [tax]
            + bcd(0, 7) + bcd(0, 1) + bcd(subject, 1) + bcd(method, 1) + [0x00] + bcd(0, 7) + [0x00, 0x00]
            + text(name)[:128])


def tlv(tag, value):
    return le(tag, 2) + le(len(value), 2) + list(value)


def receipt_tlv():
    """The receipt as the fiscal storage keeps it: 1040 document number, 1192 our ref, 1020 total."""
    return tlv(1040, le(42, 4)) + tlv(1192, REF.encode()) + tlv(1020, le(150000, 4))


def receipt_opened(s):
    """Up to the first line begun: the state, registration mode, a sale receipt opened, the
    cashier, the customer's phone and our payment's ref written as tags."""
    s.command("3Fh device state: selection mode, shift open, no receipt", PWD + [0x3F], device_state())
    s.command("56h enter registration mode with the cashier's password", PWD + [0x56, 0x01] + CASHIER, OK)
    s.command("92h open a sale receipt (flags 0, type 1)", PWD + [0x92, 0x00, 0x01], OK)
    s.command("E8h tag 1021: the cashier", write_tag(1021, CASHIER_NAME), OK)
    s.command("E8h tag 1008: the customer's phone", write_tag(1008, CONTACT), OK)
    s.command("E8h tag 1192: our payment's ref", write_tag(1192, REF), OK)
    s.command("EAh begin the item", BEGIN_ITEM, OK)


def receipt_script(path):
    s = Script("""A sale receipt through an ATOL registrar: the state, registration mode, the receipt opened,
the cashier, the customer's phone and our payment's ref written as tags, one service line (begun,
ended with its fields), closed with cash tendered (the device counts the change; it answers 'in
progress' while it prints), back to the selection mode, then the fiscal storage's last document
with its TLV read back in two parts. Then the last document asked again, and this time the TLV
reading is refused: the document comes back without the ref.""")
    receipt_opened(s)
    s.command("EBh the service: 1 500.00 x 1.000, no VAT, service, full payment", end_item(NAME, 150000, 1000), OK)
    s.command("4Ah close with 2 000.00 cash", PWD + [0x4A, 0x00, 0x01] + bcd(200000, 5), OK, in_progress=True)
    s.command("48h leave the mode", PWD + [0x48], OK)
    s.command("3Fh device state after the receipt", PWD + [0x3F], device_state(receipt_number=7))
    s.command("A4 30h fiscal storage status: last document 42", PWD + [0xA4, 0x30], fn_status(42))
    s.command("A4 40h document 42: a receipt, sale, 1 500.00", PWD + [0xA4, 0x40] + le(42, 4),
              fn_document(3, 42, 0x12345678, 1, 150000))
    data = receipt_tlv()
    s.command("A4 45h start reading document 42's TLV: type 3, its size", PWD + [0xA4, 0x45] + le(42, 4),
              OK[:2] + le(3, 2) + le(len(data), 2))
    s.command("A4 46h the first part of the TLV", PWD + [0xA4, 0x46], OK[:2] + data[:10])
    s.command("A4 46h the rest", PWD + [0xA4, 0x46], OK[:2] + data[10:])
    s.command("A4 30h fiscal storage status: last document 42", PWD + [0xA4, 0x30], fn_status(42))
    s.command("A4 40h document 42", PWD + [0xA4, 0x40] + le(42, 4), fn_document(3, 42, 0x12345678, 1, 150000))
    s.command("A4 45h refused (a firmware that does not read TLV)", PWD + [0xA4, 0x45] + le(42, 4), [0x55, 0x7A, 0x00])
    s.save(path)


def no_paper_script(path):
    s = Script("""The printer runs out of paper while the receipt is being filled: the line is refused with
error 103 (67h), the driver cancels the receipt on the device and leaves the mode.""")
    receipt_opened(s)
    s.command("EBh the service: refused, no paper", end_item(NAME, 150000, 1000), [0x55, 0x67, 0x00])
    s.command("59h cancel the receipt", PWD + [0x59], OK)
    s.command("48h leave the mode", PWD + [0x48], OK)
    s.save(path)


def left_open_script(path):
    s = Script("""After a crash a receipt was left open in the registration mode: the status says so, and
cancelling it enters nothing new — 59h in the mode it is in, then 48h. Then the device goes
silent on the next status: the driver gives up in time and says so.""")
    s.command("3Fh device state: registration mode, a sale receipt open",
              PWD + [0x3F], device_state(mode=1, receipt_state=1))
    s.command("A4 30h fiscal storage status", PWD + [0xA4, 0x30], fn_status(41))
    s.command("3Fh device state: still open", PWD + [0x3F], device_state(mode=1, receipt_state=1))
    s.command("59h cancel the receipt", PWD + [0x59], OK)
    s.command("48h leave the mode", PWD + [0x48], OK)
    s.tid = 0 if s.tid >= 0xDF else s.tid + 1
    s.out("3Fh device state: never answered", [0xC1, 0x01, s.tid] + PWD + [0x3F])
    s.lines.append("bulk_in 82 64 -> timeout")
    s.save(path)


def device_script(path):
    s = Script("""The registrar as a device of the desk: the device manager's check (state and fiscal storage),
the till's status through the manager with the paper out, then the cable pulled.""")
    s.command("3Fh device state: ready, shift open", PWD + [0x3F], device_state())
    s.command("A4 30h fiscal storage status", PWD + [0xA4, 0x30], fn_status(40))
    s.command("3Fh device state: out of paper", PWD + [0x3F], device_state(paper=False))
    s.command("A4 30h fiscal storage status", PWD + [0xA4, 0x30], fn_status(40))
    s.tid = 0 if s.tid >= 0xDF else s.tid + 1
    s.out("3Fh device state: the cable is pulled", [0xC1, 0x01, s.tid] + PWD + [0x3F])
    s.lines.append("bulk_in 82 64 -> gone")
    s.save(path)


def shift_script(path):
    s = Script("""A shift opened and closed through an ATOL registrar: each time the mode entered with its
password, the cashier named (tag 1021) before the document, the document made (the Z report
answers 'in progress' while it prints), the mode left, and the document read back from the
fiscal storage.""")
    s.command("3Fh device state: selection mode, shift closed", PWD + [0x3F], device_state(shift_open=False, shift=12))
    s.command("56h enter registration mode with the cashier's password", PWD + [0x56, 0x01] + CASHIER, OK)
    s.command("E8h tag 1021: the cashier", write_tag(1021, CASHIER_NAME), OK)
    s.command("9Ah open the shift (flags 0)", PWD + [0x9A, 0x00], OK)
    s.command("48h leave the mode", PWD + [0x48], OK)
    s.command("3Fh device state: shift 13 open", PWD + [0x3F], device_state(receipt_number=0, shift=13))
    s.command("A4 30h fiscal storage status: last document 43", PWD + [0xA4, 0x30], fn_status(43))
    s.command("A4 40h document 43: the shift opening report", PWD + [0xA4, 0x40] + le(43, 4),
              fn_document(2, 43, 0x0A0B0C0D))
    s.command("3Fh device state: selection mode, shift open", PWD + [0x3F], device_state(shift=13))
    s.command("56h enter the report mode with clearing (Z) with the administrator's password",
              PWD + [0x56, 0x03] + bcd(30, 4), OK)
    s.command("E8h tag 1021: the cashier", write_tag(1021, CASHIER_NAME), OK)
    s.command("5Ah the Z report: closes the shift", PWD + [0x5A], OK, in_progress=True)
    s.command("48h leave the mode", PWD + [0x48], OK)
    s.command("3Fh device state: shift closed", PWD + [0x3F], device_state(shift_open=False, shift=13))
    s.command("A4 30h fiscal storage status: last document 44", PWD + [0xA4, 0x30], fn_status(44))
    s.command("A4 40h document 44: the shift closing report", PWD + [0xA4, 0x40] + le(44, 4),
              fn_document(5, 44, 0x01020304))
    s.save(path)


here = os.path.dirname(os.path.abspath(__file__))
receipt_script(os.path.join(here, "atol_receipt.urbs"))
no_paper_script(os.path.join(here, "atol_no_paper.urbs"))
left_open_script(os.path.join(here, "atol_left_open.urbs"))
device_script(os.path.join(here, "atol_device.urbs"))
shift_script(os.path.join(here, "atol_shift.urbs"))
