-- The order a knowledge item's or a decision's options were shown in, with the answer: option keys
-- joined by commas (`c,a,d,b`). Options are shuffled for each attempt and step, so the key alone no
-- longer says where on the page the chosen option stood. Empty for answers recorded before this
-- migration (pre-test and decisions were then shown in the module file's order).
ALTER TABLE responses ADD COLUMN option_order TEXT;
