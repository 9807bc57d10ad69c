-- workload.sql — a deterministic SQL workload run through the SQLite shell,
-- once by the plain build and once by the build instrumented with the pass:
-- both must print exactly the same. It touches the parser, planner, B-trees,
-- indexes, sorting, aggregates, window functions, CTEs, triggers, views,
-- JSON, string and math functions, transactions and savepoints.
.mode list
.headers off
PRAGMA page_size = 1024;
CREATE TABLE customer(id INTEGER PRIMARY KEY, name TEXT NOT NULL, city TEXT, joined INTEGER);
CREATE TABLE orders(id INTEGER PRIMARY KEY, customer INTEGER REFERENCES customer(id), amount REAL, note TEXT);
CREATE INDEX orders_by_customer ON orders(customer, amount);
CREATE TABLE audit(event TEXT, n INTEGER);
CREATE TRIGGER count_orders AFTER INSERT ON orders BEGIN
    INSERT INTO audit VALUES ('order', NEW.id);
END;

WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000)
INSERT INTO customer SELECT i, 'customer-' || printf('%05d', i), CASE i % 7 WHEN 0 THEN 'Vienna' WHEN 1 THEN 'Lyon'
    WHEN 2 THEN 'Porto' WHEN 3 THEN 'Turku' WHEN 4 THEN 'Gdansk' WHEN 5 THEN 'Bergen' ELSE NULL END, 1600000000 + i * 3600
FROM n;

WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20000)
INSERT INTO orders SELECT i, 1 + (i * 7919) % 2000, ((i * 104729) % 100000) / 100.0, hex(zeroblob(i % 5)) || 'x' FROM n;

SELECT count(*), sum(amount), min(amount), max(amount), round(avg(amount), 4) FROM orders;
SELECT count(*) FROM audit;
SELECT city, count(*), round(sum(o.amount), 2) FROM customer c JOIN orders o ON o.customer = c.id
    GROUP BY city ORDER BY city NULLS FIRST;
SELECT name, total, rank FROM (
    SELECT c.name, round(sum(o.amount), 2) AS total, rank() OVER (ORDER BY sum(o.amount) DESC) AS rank
    FROM customer c JOIN orders o ON o.customer = c.id GROUP BY c.id)
WHERE rank <= 5;
SELECT customer, amount, round(sum(amount) OVER (PARTITION BY customer ORDER BY id ROWS BETWEEN 2 PRECEDING AND CURRENT ROW), 2)
    FROM orders WHERE customer IN (17, 1999) ORDER BY customer, id LIMIT 12;

CREATE VIEW big_spenders AS SELECT customer, sum(amount) AS s FROM orders GROUP BY customer HAVING s > 5500;
SELECT count(*), round(max(s), 2) FROM big_spenders;

BEGIN;
UPDATE orders SET amount = amount * 2 WHERE customer % 3 = 0;
SAVEPOINT halfway;
DELETE FROM orders WHERE amount > 900;
SELECT count(*) FROM orders;
ROLLBACK TO halfway;
SELECT count(*), round(sum(amount), 2) FROM orders;
COMMIT;

SELECT json_object('id', id, 'name', name, 'tags', json_array(city, joined % 100)) FROM customer WHERE id % 499 = 0;
SELECT json_extract('{"a":{"b":[1,2,{"c":"deep"}]}}', '$.a.b[2].c');
SELECT upper(substr(name, 1, 4)) || lower(replace(name, '-', '_')), length(name), instr(name, '0') FROM customer
    WHERE id BETWEEN 995 AND 1003;
SELECT group_concat(city, '|') FROM (SELECT DISTINCT city FROM customer WHERE city IS NOT NULL ORDER BY city);
SELECT abs(-17), 7 / 2, 7 % 3, 7.0 / 2, round(3.14159, 3), typeof(1e3), quote('it''s'), coalesce(NULL, NULL, 'z');
SELECT id FROM orders WHERE note LIKE '0000%' ORDER BY amount DESC, id LIMIT 5;

CREATE TEMP TABLE ranking AS SELECT customer, count(*) AS n FROM orders GROUP BY customer;
SELECT n, count(*) FROM ranking GROUP BY n ORDER BY n;
DELETE FROM customer WHERE id NOT IN (SELECT customer FROM orders);
SELECT count(*) FROM customer;
VACUUM;
PRAGMA integrity_check;
