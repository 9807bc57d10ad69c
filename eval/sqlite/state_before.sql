-- state_before.sql — the first half of the live-update workload
-- (sqlite_transfer_check.py): builds an in-memory database in the old
-- version. The driver then prepares its kept statement and steps it part way.
CREATE TABLE accounts(id INTEGER PRIMARY KEY, owner TEXT NOT NULL, balance REAL NOT NULL, closed TEXT);
CREATE TABLE transfers(id INTEGER PRIMARY KEY, source INTEGER REFERENCES accounts(id),
                       target INTEGER REFERENCES accounts(id), amount REAL, note TEXT);
CREATE INDEX transfers_by_source ON transfers(source, amount);
CREATE INDEX accounts_by_owner ON accounts(owner);
CREATE TABLE audit(seq INTEGER PRIMARY KEY, account INTEGER, change REAL);
CREATE TRIGGER audit_balance AFTER UPDATE OF balance ON accounts
BEGIN
    INSERT INTO audit(account, change) VALUES (new.id, new.balance - old.balance);
END;
CREATE VIEW rich AS SELECT id, owner, balance FROM accounts WHERE balance > 900 ORDER BY balance DESC;

WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 300)
INSERT INTO accounts(id, owner, balance, closed)
SELECT i, 'owner-' || (i * 7919 % 1000), (i * 37 % 1000) + 0.25, CASE WHEN i % 17 = 0 THEN 'yes' END FROM n;

WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000)
INSERT INTO transfers(source, target, amount, note)
SELECT i % 300 + 1, (i * 13) % 300 + 1, (i * 101 % 500) / 4.0, CASE WHEN i % 5 = 0 THEN NULL ELSE 'note ' || i END FROM n;

UPDATE accounts SET balance = balance + 10 WHERE id % 50 = 0;

SELECT count(*), sum(balance) FROM accounts;
SELECT count(*), round(sum(amount), 2) FROM transfers;
SELECT * FROM rich LIMIT 3;
SELECT count(*) FROM audit;
