// The board (shift, visits waiting, open invoices, a payment in flight) is one worker job,
// reloaded whenever anyone commits; the selected invoice is another. Payments, refunds and the
// shift go through the CashService, whose thread owns the fiscal registrar.
#include "cash_screen.h"

#include "palette.h"

#include <imgui.h>

#include <SDL_scancode.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <utility>

#include "backup.h"
#include "calendar.h"
#include "day_list.h"
#include "cash_service.h"
#include "desk_devices.h"
#include "dialog.h"
#include "doc_template.h"
#include "document_engine.h"
#include "escpos_preview.h"
#include "receipt_printer/profile.h"
#include "money.h"
#include "pin_check.h"
#include "print_service.h"
#include "patients.h"
#include "shift_report.h"
#include "tasks.h"
#include "text.h"
#include "ui/format.h"
#include "ui/i18n.h"
#include "ui/shell.h"

namespace rg::desk {
namespace {


std::string methods(const db::Tender& t) {
  std::string s;
  auto add = [&s](const char* name, db::Kopecks k) {
    if (k == 0) return;
    if (!s.empty()) s += " + ";
    s += std::string(name) + " " + ui::money(k);
  };
  add(_("cash"), t.cash);
  add(_("card"), t.card);
  add(_("account"), t.balance);
  return s;
}

std::string percent_text(std::int64_t bp) {
  char buf[32];
  if (bp % 100 == 0) std::snprintf(buf, sizeof buf, "%lld %%", static_cast<long long>(bp / 100));
  else std::snprintf(buf, sizeof buf, "%.2f %%", static_cast<double>(bp) / 100.0);
  return buf;
}

// «12,5» → 1250 basis points; nullopt when not a percentage.
std::optional<std::int64_t> parse_percent(const char* s) {
  auto k = db::parse_rubles(s);  // the same grammar: digits, one separator, two decimals
  if (!k || *k > 10000) return std::nullopt;
  return *k;
}

}  // namespace

std::string CashScreen::title() const { return _("Cash desk"); }

void CashScreen::on_show() {
  if (!board_ && !loading_) reload();
  if (!receipt_) load_last_receipt();
}

void CashScreen::load_last_receipt() {
  if (!ctx_.cash || ctx_.cash->receipts_dir().empty()) return;
  const std::filesystem::path dir = ctx_.cash->receipts_dir();
  ctx_.worker.submit([this, dir](db::Database&) -> db::Worker::Continuation {
    // The newest job by its number (receipt-NNNN.bin); drawer kicks print no paper.
    std::filesystem::path newest;
    std::error_code ec;
    for (const auto& e : std::filesystem::directory_iterator(dir, ec)) {
      const auto name = e.path().filename().string();
      if (name.starts_with("receipt-") && e.path().extension() == ".bin" && e.file_size(ec) > 64 &&
          (newest.empty() || name > newest.filename().string()))
        newest = e.path();
    }
    if (newest.empty()) return {};
    std::ifstream in(newest, std::ios::binary);
    std::vector<std::uint8_t> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    thread_local std::optional<printing::EscposPreview> preview;
    if (!preview) {
      auto made = printing::EscposPreview::create();
      if (!made) return {};
      preview.emplace(std::move(*made));
    }
    auto paper = std::make_shared<printing::PaperImage>(preview->render(bytes, drivers::default_profile_80mm().width_dots));
    // When it was printed, in words for the cashier (the file's name is the simulator's business).
    std::string when;
    const auto written = std::filesystem::last_write_time(newest, ec);
    if (!ec) {
      const auto sys = std::chrono::file_clock::to_sys(written);
      // The file system keeps real time; the desk shows its own clock (a demo's is shifted).
      const LocalTime t = to_local(std::chrono::duration_cast<std::chrono::seconds>(sys.time_since_epoch()).count() +
                                   db::clock_offset());
      when = std::string(_("printed")) + " " + (t.date == today() ? std::string(_("today")) : t.date.ru()) + " " +
             hhmm(t.minutes);
    }
    return [this, paper, when]() {
      auto t = ui::Texture::from_grey(ctx_.shell, paper->width, paper->height, paper->pixels.data());
      if (!t) return;
      receipt_ = std::move(*t);
      receipt_name_ = when;
    };
  });
}

void CashScreen::draw_receipt(float width, float height) {
  ImGui::BeginChild("receipt", ImVec2(width, height), true);
  ImGui::TextColored(kQuiet, "%s", _("LAST RECEIPT"));
  ImGui::Separator();
  if (receipt_ && !receipt_.lost()) {
    const float w = width - 24;
    const float scale = w / static_cast<float>(receipt_.width());
    ImGui::Image(receipt_.id(), ImVec2(w, static_cast<float>(receipt_.height()) * scale));
    ImGui::TextColored(kQuiet, "%s", receipt_name_.c_str());
  } else {
    ImGui::TextColored(kQuiet, "%s", _("No receipts printed yet."));
  }
  ImGui::EndChild();
}

void CashScreen::set_notice(std::string text, bool error) {
  notice_ = std::move(text);
  notice_is_error_ = error;
}

void CashScreen::reload() {
  const int gen = ++generation_;
  loading_ = true;
  const std::string till = ctx_.cash ? ctx_.cash->options().till : "main";
  ctx_.worker.submit([this, gen, till](db::Database& db) -> db::Worker::Continuation {
    auto load = [&]() -> Result<Board> {
      Board b;
      RG_TRY_ASSIGN(b.shift, db::open_shift_of(db, till));
      if (b.shift) {
        RG_TRY_ASSIGN(b.totals, db::shift_totals(db, b.shift->id));
      } else {
        RG_TRY_ASSIGN(auto closed, db::last_closed_shift(db, till));
        if (closed) b.last_closed = closed->id;
      }
      RG_TRY_ASSIGN(b.awaiting, db::visits_awaiting_payment(db, today()));
      RG_TRY_ASSIGN(b.open, db::open_invoices(db));
      RG_TRY_ASSIGN(b.pending, db::pending_intent(db, till));
      return b;
    };
    auto board = load();
    return [this, gen, board = std::move(board)]() mutable {
      if (gen != generation_) return;
      loading_ = false;
      if (!board) {
        error_ = board.error().message;
        return;
      }
      error_.clear();
      board_ = std::move(*board);
      if (selected_id_) load_selected(*selected_id_);
      if (bill_for_) bill_for(*std::exchange(bill_for_, std::nullopt));
    };
  });
}

void CashScreen::print_shift_report(std::int64_t shift_id) {
  if (!ctx_.printing) {
    set_notice(_("Printing is not set up on this desk."), true);
    return;
  }
  busy_ = true;
  ctx_.worker.submit([this, shift_id](db::Database& db) -> db::Worker::Continuation {
    auto render = [&]() -> Result<std::string> {
      RG_TRY_ASSIGN(auto data, db::shift_report_data(db, shift_id, {"", today()}));
      RG_TRY_ASSIGN(auto tmpl, docs::load_template_file(docs::templates_dir() / "shift_report.md"));
      RG_TRY_ASSIGN(docs::DocumentEngine * engine, docs::thread_engine());
      RG_TRY_ASSIGN(auto rendered, engine->render(tmpl, data));
      return std::move(rendered.pdf);
    };
    auto pdf = render();
    return [this, shift_id, pdf = std::move(pdf)]() mutable {
      busy_ = false;
      if (!pdf) {
        set_notice(pdf.error().message, true);
        return;
      }
      cups::PrintRequest r;
      char title[96];
      std::snprintf(title, sizeof title, _("Shift report No. %lld"), static_cast<long long>(shift_id));
      r.title = title;
      r.bytes = std::move(*pdf);
      ctx_.printing->submit(std::move(r));
      set_notice(_("The shift report is sent to the printer."), false);
    };
  });
}

void CashScreen::load_selected(std::int64_t invoice_id) {
  ctx_.worker.submit([this, invoice_id](db::Database& db) -> db::Worker::Continuation {
    auto load = [&]() -> Result<Selected> {
      Selected s;
      RG_TRY_ASSIGN(s.invoice, db::load_invoice(db, invoice_id));
      RG_TRY_ASSIGN(s.payments, db::invoice_payments(db, invoice_id));
      const std::int64_t account = s.invoice.payer.patient_id.value_or(s.invoice.patient_id);
      RG_TRY_ASSIGN(s.balance, db::account_balance(db, account));
      RG_TRY_ASSIGN(auto patient, db::get_patient(db, s.invoice.patient_id));
      if (!patient.phones.empty()) s.contact = patient.phones.front().number;
      return s;
    };
    auto sel = load();
    return [this, invoice_id, sel = std::move(sel)]() mutable {
      if (selected_id_ != invoice_id) return;
      if (!sel) {
        set_notice(sel.error().message, true);
        selected_.reset();
        return;
      }
      selected_ = std::move(*sel);
    };
  });
}

void CashScreen::select_invoice(std::int64_t id) {
  if (selected_id_ != id) selected_.reset();
  selected_id_ = id;
  load_selected(id);
}

void CashScreen::bill_for(std::int64_t patient_id) {
  if (!board_ || loading_) {
    bill_for_ = patient_id;
    return;
  }
  for (const auto& inv : board_->open)
    if (inv.patient_id == patient_id) {
      select_invoice(inv.id);
      return;
    }
  const bool has_visits = std::any_of(board_->awaiting.begin(), board_->awaiting.end(),
                                      [&](const db::UnbilledVisit& v) { return v.patient_id == patient_id; });
  if (has_visits) bill_patient(patient_id);
  else set_notice(_("This patient has no open invoice and no visit of today to bill."), false);
}

void CashScreen::bill_patient(std::int64_t patient_id) {
  if (!board_) return;
  BillDialog::Request r;
  r.patient_id = patient_id;
  for (const auto& v : board_->awaiting)
    if (v.patient_id == patient_id) r.visits.push_back(v), r.patient_name = v.patient_name;
  ctx_.worker.submit([this, r](db::Database& db) mutable -> db::Worker::Continuation {
    auto family = db::linked_payers(db, r.patient_id);
    if (family) r.family = std::move(*family);
    if (auto people = db::related_persons(db, r.patient_id)) r.people = std::move(*people);
    if (auto companies = db::find_payer_companies(db, "", 200)) r.companies = std::move(*companies);
    return [this, r = std::move(r)]() mutable {
      bill_.open(std::move(r), [this](const std::vector<std::int64_t>& visits, const db::InvoicePayer& payer) {
        make_invoice(visits, payer);
      });
    };
  });
}

void CashScreen::make_invoice(const std::vector<std::int64_t>& visits, const db::InvoicePayer& payer) {
  const db::Actor actor = ctx_.actor();
  ctx_.worker.submit([this, visits, payer, actor](db::Database& db) -> db::Worker::Continuation {
    auto made = db::create_invoices(db, visits, payer, actor);
    return [this, made]() {
      bill_.finished(bool(made), made ? std::string() : made.error().message);
      if (!made) return;
      if (made->insurer_invoice && !made->patient_invoice) {
        set_notice(_("Everything is covered by the guarantee letter: billed to the insurer."), false);
      } else if (made->insurer_invoice) {
        set_notice(_("Part of the visit is billed to the insurer; the rest is the patient's invoice."), false);
      } else {
        set_notice(_("Invoice made."), false);
      }
      if (made->patient_invoice) select_invoice(*made->patient_invoice);
      reload();
    };
  });
}

void CashScreen::deposit() {
  if (!selected_ || !board_ || !board_->shift) return;
  const auto& inv = selected_->invoice;
  PaymentDialog::Request r;
  r.payment.kind = db::PaymentKind::Deposit;
  r.payment.patient_id = inv.payer.patient_id.value_or(inv.patient_id);
  r.title = std::string(_("Advance to the personal account")) + " — " +
            (inv.payer.patient_id ? inv.payer_label : inv.patient_name);
  r.contact = selected_->contact;
  payment_.open(std::move(r), [this](const db::NewPayment& p) { pay(p); });
}

void CashScreen::cash_job(std::string done_notice, std::function<Status(cash::CashDesk&, db::Database&)> job,
                          std::function<void(bool, const std::string&)> after) {
  if (!ctx_.cash) {
    const std::string why = _("No fiscal registrar is configured for this desk.");
    set_notice(why, true);
    if (after) after(false, why);
    return;
  }
  busy_ = true;
  ctx_.cash->submit(
      ctx_.actor(),
      [this, job = std::move(job), done_notice, after](cash::CashDesk& desk, db::Database& db) -> db::Worker::Continuation {
        Status st = job(desk, db);
        return [this, st, done_notice, after]() {
          busy_ = false;
          set_notice(st ? done_notice : st.error().message, !st);
          if (after) after(bool(st), st ? std::string() : st.error().message);
          reload();
          load_last_receipt();
        };
      },
      [this, after](const Error& e) {
        busy_ = false;
        set_notice(e.message, true);
        if (after) after(false, e.message);
      });
}

void CashScreen::pay(const db::NewPayment& p) {
  auto change = std::make_shared<db::Kopecks>(0);
  cash_job(
      _("Paid; the receipt is printed."),
      [p, change](cash::CashDesk& desk, db::Database&) -> Status {
        RG_TRY_ASSIGN(auto done, desk.pay(p));
        *change = done.change;
        return {};
      },
      [this, change](bool ok, const std::string& error) {
        payment_.finished(ok, error);
        if (ok && *change > 0) set_notice(std::string(_("Paid; the receipt is printed.")) + " " + _("Change") + ": " + ui::money(*change), false);
      });
}

void CashScreen::open_payment() {
  if (!selected_ || selected_->invoice.status != db::InvoiceStatus::Open || !board_ || !board_->shift) return;
  const auto& inv = selected_->invoice;
  PaymentDialog::Request r;
  r.payment.kind = db::PaymentKind::Invoice;
  r.payment.invoice_id = inv.id;
  char title[256];
  std::snprintf(title, sizeof title, _("Invoice No. %lld — %s"), static_cast<long long>(inv.id), inv.patient_name.c_str());
  r.title = title;
  r.due = inv.due();
  r.first_part = inv.paid == 0;
  r.balance = selected_->balance;
  r.contact = selected_->contact;
  payment_.open(std::move(r), [this](const db::NewPayment& p) { pay(p); });
}

void CashScreen::refund(const db::Payment& original) {
  const std::int64_t id = original.id;
  const std::string title = selected_ ? selected_->invoice.patient_name : std::string();
  ctx_.worker.submit([this, id, title](db::Database& db) -> db::Worker::Continuation {
    auto left = db::refundable(db, id);
    return [this, id, title, left]() {
      if (!left) return set_notice(left.error().message, true);
      if (left->total() <= 0) return set_notice(_("This payment has been refunded in full."), true);
      PaymentDialog::Request r;
      r.payment.kind = db::PaymentKind::Refund;
      r.payment.refund_of = id;
      r.title = std::string(_("Refund")) + " — " + title;
      r.due = left->total();
      r.balance = left->balance;
      r.max_cash = left->cash;
      r.max_card = left->card;
      payment_.open(std::move(r), [this](const db::NewPayment& p) { pay(p); });
    };
  });
}

void CashScreen::open_shift_dialog(ShiftDialog::Kind kind) {
  const db::Kopecks expected = board_ && board_->shift ? board_->totals.expected_cash(board_->shift->float_amount) : 0;
  auto submit = [this](ShiftDialog::Kind k, const ShiftDialog::Values& v) {
    auto after = [this](bool ok, const std::string& e) { shift_.finished(ok, e); };
    switch (k) {
      case ShiftDialog::Kind::Open:
        cash_job(_("The shift is open."),
                 [v](cash::CashDesk& desk, db::Database&) -> Status {
                   RG_TRY(desk.open_shift(v.amount));
                   return {};
                 },
                 after);
        break;
      case ShiftDialog::Kind::CashIn:
      case ShiftDialog::Kind::CashOut: {
        const db::Kopecks amount = k == ShiftDialog::Kind::CashIn ? v.amount : -v.amount;
        const db::Actor actor = ctx_.actor();
        const std::int64_t shift_id = board_ && board_->shift ? board_->shift->id : 0;
        cash_job(_("Recorded."),
                 [amount, v, actor, shift_id](cash::CashDesk& desk, db::Database& db) -> Status {
                   RG_TRY(db::record_cash_movement(db, shift_id, amount, v.text, actor));
                   return desk.open_drawer();
                 },
                 after);
        break;
      }
      case ShiftDialog::Kind::Close:
        cash_job(_("The shift is closed; the Z report is printed."),
                 [v, actor = ctx_.actor()](cash::CashDesk& desk, db::Database& db) -> Status {
                   RG_TRY(desk.close_shift(v.amount, v.handed_over, v.text));
                   // A copy of the day at every shift close; a failure is the top bar's warning.
                   if (auto dir = db::backup_dir(db)) (void)db::take_backup(db, *dir, db::now_unix(), actor);
                   return {};
                 },
                 after);
        break;
    }
  };
  if (kind == ShiftDialog::Kind::Open) {
    std::string problems;
    if (ctx_.devices)
      for (const auto& item : ctx_.devices->manager().readiness().items)
        if (item.readiness != drivers::Readiness::Ready) problems += item.message + "\n";
    shift_.open(kind, expected, problems, submit);
    return;
  }
  if (kind != ShiftDialog::Kind::Close) {
    shift_.open(kind, expected, "", submit);
    return;
  }
  // The handover note starts from what the next administrator needs to know.
  ctx_.worker.submit([this, expected, submit](db::Database& db) -> db::Worker::Continuation {
    std::string note;
    const Date tomorrow = today().plus_days(1);
    auto tasks = db::open_tasks(db, 500);
    auto tomorrow_list = db::day_list(db, tomorrow);
    char buf[256];
    if (tomorrow_list) {
      std::snprintf(buf, sizeof buf, _("Tomorrow: %zu patients booked."), tomorrow_list->size());
      note += std::string(buf) + "\n";
    }
    if (tasks) {
      std::snprintf(buf, sizeof buf, _("Calls to make: %zu."), tasks->size());
      note += std::string(buf) + "\n";
    }
    note += _("To do:") + std::string("\n");
    note += _("Broken or missing:") + std::string("\n");
    return [this, expected, note, submit]() {
      // What is still unpaid today, said before the shift closes: the cashier may want to take it.
      std::vector<std::string> unpaid;
      if (board_) {
        for (const auto& v : board_->awaiting)
          unpaid.push_back(hhmm(to_local(v.start_at).minutes) + "  " + masked_full_name(v.patient_name) + " — " +
                           _("visit not billed") + ", " + ui::money(v.amount));
        for (const auto& inv : board_->open)
          unpaid.push_back(std::string(_("Invoice")) + " № " + std::to_string(inv.id) + "  " +
                           masked_full_name(inv.patient_name) + " — " + _("due") + " " + ui::money(inv.due()));
      }
      shift_.open(ShiftDialog::Kind::Close, expected, note, submit, std::move(unpaid));
    };
  });
}

// --- drawing ------------------------------------------------------------------------------

void CashScreen::draw_shift_strip() {
  const auto& shift = board_ ? board_->shift : std::nullopt;
  ImGui::PushFont(ctx_.shell.font(24));
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(_("Cash desk"));
  ImGui::PopFont();
  ImGui::SameLine(200);
  ImGui::AlignTextToFramePadding();
  if (!shift) {
    ImGui::TextColored(kAmber, "%s", _("The shift is closed."));
    ImGui::SameLine();
    ImGui::BeginDisabled(busy_);
    if (ui::button(_("Open the shift"))) open_shift_dialog(ShiftDialog::Kind::Open);
    if (board_ && board_->last_closed) {
      ImGui::SameLine();
      if (ui::button(_("Last shift's report"))) print_shift_report(*board_->last_closed);
    }
    ImGui::EndDisabled();
    return;
  }
  const LocalTime opened = to_local(shift->opened_at);
  char head[256];
  std::snprintf(head, sizeof head, _("Shift %lld open since %s · %s"),
                static_cast<long long>(shift->fiscal_shift_number.value_or(0)),
                (opened.date == today() ? hhmm(opened.minutes) : opened.date.ru() + " " + hhmm(opened.minutes)).c_str(),
                shift->cashier_name.c_str());
  ImGui::TextColored(shift->expired(db::now_unix()) ? kError : kGreen, "%s", head);
  ImGui::SameLine();
  ImGui::TextColored(kQuiet, "·  %s %s  ·  %s %d", _("in the drawer"),
                     ui::money(board_->totals.expected_cash(shift->float_amount)).c_str(), _("receipts"),
                     board_->totals.receipts);
  const float right = ImGui::GetWindowContentRegionMax().x;
  ImGui::SameLine(right - 560);
  ImGui::BeginDisabled(busy_);
  if (ui::button(_("X report"), ImVec2(120, 0)))
    cash_job(_("The X report is printed."), [](cash::CashDesk& desk, db::Database&) { return desk.x_report(); });
  ImGui::SameLine();
  if (ui::button(_("Cash in"), ImVec2(130, 0))) open_shift_dialog(ShiftDialog::Kind::CashIn);
  ImGui::SameLine();
  if (ui::button(_("Cash out"), ImVec2(130, 0))) open_shift_dialog(ShiftDialog::Kind::CashOut);
  ImGui::SameLine();
  if (ui::button(_("Close the shift"), ImVec2(160, 0))) open_shift_dialog(ShiftDialog::Kind::Close);
  ImGui::EndDisabled();
}

void CashScreen::draw_pending() {
  if (!board_ || !board_->pending) return;
  const auto& p = *board_->pending;
  ImGui::PushStyleColor(ImGuiCol_ChildBg, ImVec4(1.0f, 0.95f, 0.85f, 1));
  ImGui::BeginChild("pending", ImVec2(0, 56), true);
  ImGui::TextColored(kAmber, "%s", _("A payment has no receipt yet:"));
  ImGui::SameLine();
  ImGui::Text("%s %s (%s)", db::payment_kind_title(p.kind), ui::money(p.total).c_str(), methods(p.tender).c_str());
  ImGui::SameLine(ImGui::GetWindowContentRegionMax().x - 420);
  ImGui::BeginDisabled(busy_);
  const std::int64_t id = p.id;
  if (ui::button(_("Send to the registrar again"), ImVec2(250, 0)))
    cash_job(_("The receipt is printed."),
             [id](cash::CashDesk& desk, db::Database&) -> Status {
               RG_TRY(desk.resend(id));
               return {};
             });
  ImGui::SameLine();
  if (ui::button(_("Cancel the payment"), ImVec2(160, 0)))
    cash_job(_("The payment is cancelled; no money was taken."),
             [id](cash::CashDesk& desk, db::Database&) { return desk.cancel_unsent(id, "cancelled at the desk"); });
  ImGui::EndDisabled();
  ImGui::EndChild();
  ImGui::PopStyleColor();
}

void CashScreen::draw_lists(float width, float height) {
  ImGui::BeginChild("lists", ImVec2(width, height), true);
  if (!board_) {
    ImGui::TextColored(kQuiet, "%s", loading_ ? _("Loading…") : "");
    ImGui::EndChild();
    return;
  }
  const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH;
  // Open invoices first: they are what the patient at the window is paying.
  ImGui::TextColored(kQuiet, "%s", _("OPEN INVOICES"));
  if (board_->open.empty()) ImGui::TextColored(kQuiet, "%s", _("No open invoices."));
  if (!board_->open.empty() && ImGui::BeginTable("open", 2, flags)) {
    ImGui::TableSetupColumn("who", ImGuiTableColumnFlags_WidthStretch);
    ImGui::TableSetupColumn("due", ImGuiTableColumnFlags_WidthFixed, 110);
    for (const auto& inv : board_->open) {
      ImGui::PushID(static_cast<int>(inv.id + 1000000));
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      char label[256];
      std::snprintf(label, sizeof label, "№ %lld  %s", static_cast<long long>(inv.id), inv.patient_name.c_str());
      const float cell = ImGui::GetContentRegionAvail().x;
      if (ImGui::Selectable(label, selected_id_ == inv.id, ImGuiSelectableFlags_SpanAllColumns)) select_invoice(inv.id);
      whole_on_hover(label, cell);
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(ui::money(inv.due()).c_str());
      ImGui::PopID();
    }
    ImGui::EndTable();
  }
  ImGui::Spacing();
  ImGui::Spacing();
  ImGui::TextColored(kQuiet, "%s (%zu)", _("VISITS TO BILL TODAY"), board_->awaiting.size());
  if (board_->awaiting.empty()) ImGui::TextColored(kQuiet, "%s", _("Nobody is waiting."));
  std::optional<std::int64_t> bill;
  if (!board_->awaiting.empty() && ImGui::BeginTable("awaiting", 2, flags | ImGuiTableFlags_ScrollY)) {
    ImGui::TableSetupColumn("who", ImGuiTableColumnFlags_WidthStretch);
    ImGui::TableSetupColumn("amount", ImGuiTableColumnFlags_WidthFixed, 110);
    for (const auto& v : board_->awaiting) {
      ImGui::PushID(static_cast<int>(v.appointment_id));
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      const std::string label = hhmm(to_local(v.start_at).minutes) + "  " + v.patient_name;
      const float cell = ImGui::GetContentRegionAvail().x;
      if (ImGui::Selectable(label.c_str(), false, ImGuiSelectableFlags_SpanAllColumns) && !busy_) bill = v.patient_id;
      whole_on_hover(label, cell);
      ImGui::TextColored(kQuiet, "       %s", v.doctor_name.c_str());
      whole_on_hover("       " + v.doctor_name, cell);
      if (v.status != "done") {
        ImGui::SameLine();
        ImGui::TextColored(kAmber, "· %s", _("still at the doctor"));
      }
      if (v.dms) {
        ImGui::SameLine();
        ImGui::TextColored(kBlue, "· %s", _("DMS"));
      }
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(ui::money(v.amount).c_str());
      ImGui::PopID();
    }
    ImGui::EndTable();
  }
  ImGui::EndChild();
  if (bill) bill_patient(*bill);
}

void CashScreen::draw_invoice(float width, float height) {
  ImGui::BeginChild("invoice", ImVec2(width, height), true);
  if (!selected_) {
    ImGui::PushStyleColor(ImGuiCol_Text, kQuiet);
    ImGui::TextWrapped("%s", _("Choose a visit on the left to bill it, or an open invoice to take payment."));
    ImGui::PopStyleColor();
    ImGui::EndChild();
    return;
  }
  const auto& inv = selected_->invoice;
  ImGui::PushFont(ctx_.shell.font(24));
  ImGui::Text(_("Invoice No. %lld — %s"), static_cast<long long>(inv.id), inv.patient_name.c_str());
  ImGui::PopFont();
  ImGui::TextColored(kQuiet, "%s: %s", _("Payer"), inv.payer_label.c_str());
  if (selected_->balance > 0) {
    ImGui::SameLine();
    ImGui::TextColored(kGreen, "· %s %s", _("personal account:"), ui::money(selected_->balance).c_str());
  }
  const bool editable = inv.status == db::InvoiceStatus::Open && inv.paid == 0 && selected_->payments.empty();
  const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_ScrollY;
  if (ImGui::BeginTable("lines", 5, flags, ImVec2(0, height * 0.42f))) {
    ImGui::TableSetupColumn(_("Service"), ImGuiTableColumnFlags_WidthStretch);
    ImGui::TableSetupColumn(_("Price"), ImGuiTableColumnFlags_WidthFixed, 105);
    ImGui::TableSetupColumn(_("Qty"), ImGuiTableColumnFlags_WidthFixed, 50);
    ImGui::TableSetupColumn(_("Discount"), ImGuiTableColumnFlags_WidthFixed, 75);
    ImGui::TableSetupColumn(_("Amount"), ImGuiTableColumnFlags_WidthFixed, 110);
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableHeadersRow();
    for (const auto& l : inv.lines) {
      ImGui::PushID(static_cast<int>(l.id));
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextWrapped("%s", l.name.c_str());
      ImGui::TextColored(kQuiet, "%s", l.code.c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(ui::money(l.price).c_str());
      ImGui::TableNextColumn();
      ImGui::Text("%lld", static_cast<long long>(l.quantity));
      ImGui::TableNextColumn();
      const std::string d = l.discount_bp ? percent_text(l.discount_bp) : std::string("—");
      if (editable) {
        if (ImGui::SmallButton(d.c_str())) {
          discount_ = {};
          discount_.line_id = l.id;
          discount_.open = discount_.just_opened = true;
        }
      } else {
        ImGui::TextUnformatted(d.c_str());
      }
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(ui::money(l.amount).c_str());
      ImGui::PopID();
    }
    ImGui::EndTable();
  }
  if (inv.discount_bp) ImGui::TextColored(kQuiet, "%s %s — %s", _("Discount on the invoice:"), percent_text(inv.discount_bp).c_str(), inv.discount_reason.c_str());
  ImGui::PushFont(ctx_.shell.font(24));
  ImGui::Text("%s %s", _("Total:"), ui::money(inv.total).c_str());
  ImGui::PopFont();
  if (inv.paid > 0) {
    ImGui::TextColored(kGreen, "%s %s", _("paid"), ui::money(inv.paid).c_str());
    ImGui::SameLine(0, 24);
    ImGui::PushFont(ctx_.shell.bold_font());
    ImGui::Text("%s %s", _("due"), ui::money(inv.due()).c_str());
    ImGui::PopFont();
  }
  ImGui::Spacing();
  const bool shift_open = board_ && board_->shift;
  ImGui::BeginDisabled(busy_ || inv.status != db::InvoiceStatus::Open || !shift_open);
  if (ui::button(_("Take payment (F9)"), ImVec2(240, 44)) ||
      (!payment_.is_open() && !shift_.is_open() && ImGui::IsKeyPressed(SDL_SCANCODE_F9, false)))
    open_payment();
  ImGui::EndDisabled();
  if (editable) {
    ImGui::SameLine();
    if (ui::button(_("Discount on the invoice"), ImVec2(220, 44))) {
      discount_ = {};
      discount_.open = discount_.just_opened = true;
    }
  }
  if (shift_open && inv.payer.kind != db::PayerKind::Company) {
    ImGui::SameLine();
    ImGui::BeginDisabled(busy_);
    if (ui::button(_("Top up the account"), ImVec2(200, 44))) deposit();
    ImGui::EndDisabled();
  }
  if (!shift_open) ImGui::TextColored(kAmber, "%s", _("Open the shift to take payments."));
  ImGui::Spacing();
  ImGui::TextColored(kQuiet, "%s", _("PAYMENTS"));
  ImGui::Separator();
  if (selected_->payments.empty()) ImGui::TextColored(kQuiet, "%s", _("Nothing paid yet."));
  if (!selected_->payments.empty() && ImGui::BeginTable("payments", 3, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH)) {
    ImGui::TableSetupColumn("what", ImGuiTableColumnFlags_WidthStretch);
    ImGui::TableSetupColumn("receipt", ImGuiTableColumnFlags_WidthFixed, 120);
    ImGui::TableSetupColumn("action", ImGuiTableColumnFlags_WidthFixed, 90);
    for (const auto& p : selected_->payments) {
      ImGui::PushID(static_cast<int>(p.id));
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      const LocalTime t = to_local(p.created_at);
      ImGui::TextWrapped("%s %s  %s  %s (%s)", t.date.ru().c_str(), hhmm(t.minutes).c_str(), db::payment_kind_title(p.kind),
                         ui::money(p.total).c_str(), methods(p.tender).c_str());
      ImGui::TableNextColumn();
      if (p.state == db::PaymentState::Registered) {
        ImGui::TextColored(kQuiet, "%s %lld", _("receipt FD"), static_cast<long long>(p.fiscal_number.value_or(0)));
      } else {
        ImGui::TextColored(p.state == db::PaymentState::Intent ? kAmber : kQuiet, "%s",
                           p.state == db::PaymentState::Intent ? _("no receipt yet") : _("cancelled"));
      }
      ImGui::TableNextColumn();
      if (p.state == db::PaymentState::Registered && p.kind == db::PaymentKind::Invoice) {
        ImGui::BeginDisabled(busy_);
        if (guarded_button(_("Refund"), ctx_.may(db::Permission::CashRefunds), db::Permission::CashRefunds, {}, true))
          refund(p);
        ImGui::EndDisabled();
      }
      ImGui::PopID();
    }
    ImGui::EndTable();
  }
  ImGui::EndChild();
}

void CashScreen::draw_discount_dialog() {
  auto& d = discount_;
  if (!begin_dialog("##discount", d.line_id ? _("Discount on the line") : _("Discount on the invoice"), d.open,
                    d.just_opened, ctx_.shell, 640, 420))
    return;
  ImGui::Separator();
  ImGui::TextUnformatted(_("Discount, %"));
  ImGui::SameLine(200);
  ImGui::SetNextItemWidth(120);
  ImGui::InputText("##pct", d.percent, sizeof d.percent);
  ImGui::TextUnformatted(_("Reason"));
  reason_input("reason", d.reason, sizeof d.reason,
               {N_("Pensioner"), N_("Clinic employee"), N_("The patient waited long"), N_("Loyalty card")});
  // Who may give a large discount gives it; anyone else asks such a person to type their PIN here.
  if (!ctx_.may(db::Permission::CashDiscountOverLimit)) {
    ImGui::TextColored(kQuiet, "%s", _("Large discounts need a senior administrator's approval."));
    ImGui::TextUnformatted(_("Approver's PIN"));
    ImGui::SameLine(200);
    ImGui::SetNextItemWidth(120);
    ImGui::InputText("##pin", d.pin, sizeof d.pin, ImGuiInputTextFlags_Password | ImGuiInputTextFlags_CharsDecimal);
  }
  if (!d.error.empty()) ImGui::TextColored(kError, "%s", d.error.c_str());
  auto bp = parse_percent(d.percent);
  const bool can = bp && (*bp == 0 || !blank(d.reason)) && selected_;
  ImGui::SetCursorPosY(ImGui::GetWindowHeight() - 64);
  ImGui::BeginDisabled(!can);
  if (primary_button(_("Apply the discount"), ImVec2(260, 44)) && can) {
    const std::int64_t invoice = selected_->invoice.id;
    const auto line = d.line_id;
    const std::string reason = d.reason;
    const db::Actor actor = ctx_.actor();
    const std::int64_t value = *bp;
    const std::string pin = d.pin;
    std::memset(d.pin, 0, sizeof d.pin);
    const std::string place = "till:" + (ctx_.cash ? ctx_.cash->options().till : std::string("main")) + ":pin";
    ctx_.worker.submit([this, invoice, line, reason, actor, value, pin, place](db::Database& db) -> db::Worker::Continuation {
      // Whose PIN it is (if any) among those who may approve, guessing limited per till: the
      // core then checks the approver's permission again.
      auto approve = [&]() -> Result<std::optional<std::int64_t>> {
        if (pin.empty()) return std::optional<std::int64_t>{};
        RG_TRY_ASSIGN(auto rules, db::load_checkin_rules(db));
        RG_TRY_ASSIGN(auto checked, codes::check_pin(db, place, pin, db::now_unix(), rules,
                                                     db::Permission::CashDiscountOverLimit));
        if (checked.verdict == codes::PinVerdict::Paused)
          return fail(ErrorCode::Invalid, _("Too many wrong PINs: wait a minute and try again."));
        if (!checked.holder)
          return fail(ErrorCode::Invalid, _("This PIN is not of anyone who may approve a discount this large."));
        return std::optional<std::int64_t>(checked.holder->user_id);
      };
      auto approver = approve();
      Status st = !approver ? Status(std::unexpected(approver.error()))
                  : line    ? db::set_line_discount(db, invoice, *line, value, reason, *approver, actor)
                            : db::set_invoice_discount(db, invoice, value, reason, *approver, actor);
      return [this, st]() {
        if (!st) {
          discount_.error = st.error().message;
          return;
        }
        discount_.open = false;
        reload();
      };
    });
  }
  ImGui::EndDisabled();
  ImGui::EndPopup();
}

void CashScreen::draw() {
  draw_shift_strip();
  if (!error_.empty()) ImGui::TextColored(kError, "%s", error_.c_str());
  if (!notice_.empty()) ImGui::TextColored(notice_is_error_ ? kError : kGreen, "%s", notice_.c_str());
  draw_pending();
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const float gap = ImGui::GetStyle().ItemSpacing.x;
  const float left = std::max(340.f, avail.x * 0.30f);
  const float right = avail.x >= 1300 ? 300.f : 0.f;  // the paper, when there is room for it
  draw_lists(left, avail.y);
  ImGui::SameLine();
  draw_invoice(avail.x - left - gap - (right > 0 ? right + gap : 0), avail.y);
  if (right > 0) {
    ImGui::SameLine();
    draw_receipt(right, avail.y);
  }
  payment_.draw(ctx_.shell);
  shift_.draw(ctx_.shell);
  bill_.draw(ctx_.shell);
  draw_discount_dialog();
}

void CashScreen::prepare_screenshot() {
  reload();
  ctx_.shell.render_until([this] { draw(); }, [this] { return !loading_ && ctx_.worker.idle(); }, 200);
  if (board_ && !board_->open.empty()) select_invoice(board_->open.front().id);
}

void CashScreen::prepare_extra_shot(const std::string& name) {
  if (name == "bill") {
    if (board_ && !board_->awaiting.empty()) bill_patient(board_->awaiting.front().patient_id);
  } else if (name == "payment") {
    bill_.finished(true, "");
    // Payments need an open shift: the demo opens one (with the virtual registrar) as a
    // cashier would, with an empty drawer.
    if (board_ && !board_->shift && ctx_.cash) {
      cash_job(_("The shift is open."), [](cash::CashDesk& desk, db::Database&) -> Status {
        RG_TRY(desk.open_shift(0));
        return {};
      }, {});
      ctx_.shell.render_until([this] { draw(); },
                              [this] { return !busy_ && !loading_ && ctx_.worker.idle() && ctx_.cash->idle(); }, 400);
      if (board_ && !board_->open.empty()) select_invoice(board_->open.front().id);
      ctx_.shell.render_until([this] { draw(); }, [this] { return !loading_ && ctx_.worker.idle(); }, 200);
    }
    open_payment();
    // The rest of the invoice in cash, a 5 000 note handed over.
    if (selected_) payment_.type(std::to_string(selected_->invoice.due() / 100).c_str(), "", "5000");
  } else if (name == "part") {  // a part now, the rest on credit
    payment_.finished(true, "");
    open_payment();
    if (selected_) payment_.type(std::to_string(selected_->invoice.due() / 200).c_str(), "", "", true);
  } else if (name == "close") {
    payment_.finished(true, "");
    open_shift_dialog(ShiftDialog::Kind::Close);
  }
}

}  // namespace rg::desk
