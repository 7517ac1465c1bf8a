-- Schema v6: services paid in parts after the visit. The first part's receipt transfers the
-- whole service with the rest on credit (FFD 1.2 tag 1214 = 5, the credit sum in tag 1216);
-- the later parts are credit payments (1214 = 7). The payment keeps the credit its receipt
-- stated, so a receipt rebuilt after a crash says exactly the same.
ALTER TABLE payments ADD COLUMN credit_kopecks INTEGER NOT NULL DEFAULT 0
  CHECK (credit_kopecks >= 0 AND (credit_kopecks = 0 OR kind = 'invoice'));
