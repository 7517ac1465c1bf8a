#include "payment_dialog.h"

#include "palette.h"

#include <imgui.h>

#include <cstdio>
#include <cstring>

#include "dialog.h"
#include "money.h"
#include "ui/format.h"
#include "ui/i18n.h"

namespace rg::desk {
namespace {


void copy(char* dst, std::size_t n, const std::string& s) {
  std::snprintf(dst, n, "%s", s.c_str());
}

// «1500,00» for an input field (no currency sign, no grouping: easy to edit).
std::string plain(db::Kopecks k) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%lld,%02lld", static_cast<long long>(k / 100), static_cast<long long>(k % 100));
  return buf;
}

bool money_field(const char* label, char* buf, std::size_t n, float width) {
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(label);
  ImGui::SameLine(260);
  ImGui::SetNextItemWidth(width);
  return ImGui::InputText((std::string("##") + label).c_str(), buf, n, ImGuiInputTextFlags_CharsNoBlank);
}

}  // namespace

void PaymentDialog::open(Request r, Submit submit) {
  req_ = std::move(r);
  submit_ = std::move(submit);
  std::memset(cash_, 0, sizeof cash_);
  std::memset(card_, 0, sizeof card_);
  std::memset(balance_, 0, sizeof balance_);
  std::memset(tendered_, 0, sizeof tendered_);
  std::memset(auth_, 0, sizeof auth_);
  std::memset(reason_, 0, sizeof reason_);
  in_part_ = false;
  // Tag 1008 takes a phone as +7…; the card keeps 11 digits.
  const bool phone = req_.contact.size() == 11 && req_.contact[0] == '7' &&
                     req_.contact.find_first_not_of("0123456789") == std::string::npos;
  copy(contact_, sizeof contact_, phone ? "+" + req_.contact : req_.contact);
  // The likeliest case typed in already: everything in cash (or back the way it came).
  if (req_.max_cash == 0 && req_.max_card != 0) copy(card_, sizeof card_, plain(req_.due));
  else copy(cash_, sizeof cash_, plain(req_.due));
  error_.clear();
  busy_ = false;
  open_ = just_opened_ = focus_ = true;
}

void PaymentDialog::type(const char* cash, const char* card, const char* tendered, bool in_part) {
  copy(cash_, sizeof cash_, cash);
  copy(card_, sizeof card_, card);
  copy(tendered_, sizeof tendered_, tendered);
  in_part_ = in_part;
  focus_ = false;
}

void PaymentDialog::finished(bool ok, const std::string& error) {
  busy_ = false;
  if (ok) {
    open_ = false;
    return;
  }
  error_ = error;
}

std::optional<db::Tender> PaymentDialog::tender(std::string& problem) const {
  auto cash = db::parse_rubles(cash_), card = db::parse_rubles(card_), balance = db::parse_rubles(balance_),
       tendered = db::parse_rubles(tendered_);
  if (!cash || !card || !balance || !tendered) {
    problem = _("Type amounts as 1500 or 1 500,50.");
    return std::nullopt;
  }
  db::Tender t{*cash, *card, *balance, *tendered, auth_};
  if (t.total() <= 0) {
    problem = _("Type the amount to pay.");
    return std::nullopt;
  }
  // A deposit is whatever the patient brings; everything else is at most what is due.
  if (req_.payment.kind != db::PaymentKind::Deposit && t.total() > req_.due) {
    problem = _("That is more than is due.");
    return std::nullopt;
  }
  if (t.balance > req_.balance) {
    problem = _("The personal account does not have enough money.");
    return std::nullopt;
  }
  if ((req_.max_cash >= 0 && t.cash > req_.max_cash) || (req_.max_card >= 0 && t.card > req_.max_card)) {
    problem = _("A refund goes back the way it was paid, and no more than was paid.");
    return std::nullopt;
  }
  if (t.tendered != 0 && t.tendered < t.cash) {
    problem = _("The cash handed over is less than the cash part of the payment.");
    return std::nullopt;
  }
  if (req_.payment.kind == db::PaymentKind::Invoice && t.total() < req_.due && !in_part_) {
    problem = _("The amount is less than is due. Take the whole amount, or choose «in part» to leave the rest owed.");
    return std::nullopt;
  }
  return t;
}

void PaymentDialog::draw(ui::Shell& shell) {
  if (!begin_dialog("##payment", req_.title.c_str(), open_, just_opened_, shell, 760, 540)) return;
  const bool refund = req_.payment.kind == db::PaymentKind::Refund || req_.payment.kind == db::PaymentKind::DepositRefund;
  ImGui::Separator();
  ImGui::PushFont(shell.font(24));
  ImGui::TextColored(kQuiet, "%s", refund ? _("To give back") : req_.payment.kind == db::PaymentKind::Deposit ? _("Deposit") : _("Due"));
  ImGui::SameLine(260);
  ImGui::TextUnformatted(ui::money(req_.due).c_str());
  ImGui::PopFont();
  ImGui::Spacing();

  const float w = 220;
  ImGui::PushFont(shell.font(24));
  if (focus_) ImGui::SetKeyboardFocusHere(1), focus_ = false;
  money_field(_("In cash"), cash_, sizeof cash_, w);
  money_field(_("By card"), card_, sizeof card_, w);
  if (req_.balance > 0) {
    money_field(_("From the account"), balance_, sizeof balance_, w);
    ImGui::SameLine();
    ImGui::TextColored(kQuiet, "%s %s", _("holds"), ui::money(req_.balance).c_str());
  }
  if (!refund) money_field(_("Handed over"), tendered_, sizeof tendered_, w);
  ImGui::PopFont();

  const bool invoice = req_.payment.kind == db::PaymentKind::Invoice;
  if (invoice) {
    // Paying in parts is a choice, never what a short amount silently becomes.
    ImGui::SetCursorPosX(260);
    ImGui::Checkbox(_("In part: the rest stays owed"), &in_part_);
  }
  std::string problem;
  auto t = tender(problem);
  if (t && !refund) {
    ImGui::PushFont(shell.font(36));
    ImGui::TextColored(kGreen, "%s", _("Change"));
    ImGui::SameLine(260);
    ImGui::TextColored(kGreen, "%s", ui::money(t->change()).c_str());
    ImGui::PopFont();
    // What the receipt will say: the first part transfers the services with the rest on credit,
    // the later parts pay the credit off.
    ImGui::PushStyleColor(ImGuiCol_Text, kQuiet);
    if (t->total() < req_.due && invoice)
      ImGui::TextWrapped(req_.first_part ? _("Partial payment: %s is left on credit (receipt: partial payment and credit).")
                                         : _("Credit payment: %s will still be owed."),
                         ui::money(req_.due - t->total()).c_str());
    else if (!req_.first_part && invoice)
      ImGui::TextWrapped("%s", _("Credit payment: the invoice will be paid off."));
    ImGui::PopStyleColor();
  }
  ImGui::Spacing();
  if (t && t->card > 0) {
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(_("Terminal authorisation code"));
    ImGui::SameLine(260);
    ImGui::SetNextItemWidth(w);
    ImGui::InputText("##auth", auth_, sizeof auth_, ImGuiInputTextFlags_CharsNoBlank | ImGuiInputTextFlags_CharsUppercase);
  }
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(_("Receipt to phone / e-mail"));
  ImGui::SameLine(260);
  ImGui::SetNextItemWidth(360);
  ImGui::InputText("##contact", contact_, sizeof contact_);
  if (refund || req_.payment.kind == db::PaymentKind::DepositRefund) {
    ImGui::TextUnformatted(_("Reason for the refund"));
    reason_input("reason", reason_, sizeof reason_,
                 {N_("The service was not provided"), N_("The patient declined the service"),
                  N_("A mistake in the receipt")}, nullptr, 680);
  }

  ImGui::Spacing();
  const std::string& shown = !error_.empty() ? error_ : problem;
  if (!shown.empty()) {
    ImGui::PushTextWrapPos(0);
    ImGui::TextColored(kError, "%s", shown.c_str());
    ImGui::PopTextWrapPos();
  }
  const bool needs_reason = refund && blank(reason_);
  const bool can = t && !busy_ && !needs_reason;
  ImGui::SetCursorPosY(ImGui::GetWindowHeight() - 64);
  ImGui::BeginDisabled(!can);
  // The button says what will happen, with the amount.
  char label[160];
  const std::string amount = ui::money(t ? t->total() : 0);
  if (busy_) std::snprintf(label, sizeof label, "%s", _("Printing the receipt…"));
  else if (refund) std::snprintf(label, sizeof label, _("Give back %s (Enter)"), amount.c_str());
  else if (req_.payment.kind == db::PaymentKind::Deposit) std::snprintf(label, sizeof label, _("Take %s to the account (Enter)"), amount.c_str());
  else if (t && t->total() < req_.due) std::snprintf(label, sizeof label, _("Take %s in part (Enter)"), amount.c_str());
  else std::snprintf(label, sizeof label, _("Take %s (Enter)"), amount.c_str());
  const bool go = primary_button(label, ImVec2(420, 44)) ||
                  (can && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter)));
  ImGui::EndDisabled();
  if (go && can) {
    db::NewPayment p = req_.payment;
    p.tender = *t;
    p.in_part = invoice && t->total() < req_.due;
    p.customer_contact = contact_;
    if (refund) p.reason = reason_;
    busy_ = true;
    error_.clear();
    submit_(p);
  }
  ImGui::EndPopup();
}

}  // namespace rg::desk
