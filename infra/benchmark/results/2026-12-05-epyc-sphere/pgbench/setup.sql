create schema if not exists scratch;
drop table if exists scratch.points;
create table scratch.points as
select row_number() over () as id, o.org, ST_X(b.location::geometry) + (random()-0.5)*0.002 as lon, ST_Y(b.location::geometry) + (random()-0.5)*0.002 as lat
from (select location from read_model.bins tablesample system (1) limit 2000) b,
lateral (select organization_id as org from read_model.organizations order by random() + 0*ST_X(b.location::geometry) limit 1) o;
