-- A person's gender (issue 22): kvinna, man, transperson, annan for adults; flicka, pojke, annan
-- for children; ej_angivet when not given. Statistics count it; retention keeps it, as it keeps a
-- stay's category.
ALTER TABLE people ADD COLUMN gender TEXT NOT NULL DEFAULT 'ej_angivet';
