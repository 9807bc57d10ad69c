-- state_after.sql — the second half of the live-update workload: runs in
-- the new version on the database the old version built, after the kept
-- statement finished its rows.
SELECT count(*), sum(balance) FROM accounts;
SELECT owner, count(*) FROM accounts GROUP BY owner HAVING count(*) > 1 ORDER BY owner LIMIT 5;
SELECT a.id, round(sum(t.amount), 2) AS sent FROM accounts a JOIN transfers t ON t.source = a.id
 GROUP BY a.id ORDER BY sent DESC, a.id LIMIT 5;
SELECT id, balance, rank() OVER (ORDER BY balance DESC, id) FROM accounts WHERE id <= 12 ORDER BY id;
SELECT count(*) FROM transfers WHERE note IS NULL;
SELECT count(*) FROM transfers WHERE note IS NOT NULL AND amount > 100;
SELECT count(*) FROM accounts WHERE closed IS NOT NULL;
SELECT id FROM accounts INDEXED BY accounts_by_owner WHERE owner = 'owner-919';
UPDATE accounts SET balance = balance - 1.5 WHERE id IN (SELECT source FROM transfers WHERE amount > 120 LIMIT 20);
SELECT count(*), round(sum(change), 2) FROM audit;
INSERT INTO transfers(source, target, amount, note) VALUES (1, 2, 999.5, 'after the update');
SELECT source, target, amount, note FROM transfers WHERE amount > 999;
SELECT * FROM rich LIMIT 3;
DELETE FROM transfers WHERE id % 3 = 0;
SELECT count(*) FROM transfers;
PRAGMA integrity_check;
