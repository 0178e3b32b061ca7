-- wrk script: availability searches ("which rooms are free on <day> from <h> for <n> people")
-- over 256 different slots, kinds and capacities in turn, all in the future and inside the
-- seeded bookings' range. The hub's API path comes from BENCH_POOLING_PATH.
local base = os.getenv("BENCH_POOLING_PATH") or "/api/v1/hubs/bench/pooling"
local kinds = {"", "&kind=premises", "&kind=equipment", "&kind=premises&category=room"}
local capacities = {"", "&capacity=6", "&capacity=10", "&capacity=20"}
local first_day = 1796083200 -- 2026-12-01 00:00 UTC
local queries = {}
local seed = 12345
local function next_random(n)
  seed = (seed * 1103515245 + 12345) % 2147483648
  return seed % n
end
for i = 1, 256 do
  local day = first_day + next_random(640) * 86400
  local hour = 8 + next_random(10)
  local length = 1 + next_random(3)
  local date = os.date("!%Y-%m-%d", day)
  local start = string.format("%sT%02d:00", date, hour)
  local finish = string.format("%sT%02d:00", date, hour + length)
  queries[i] = base .. "/availability?start=" .. start .. "&end=" .. finish ..
               kinds[next_random(#kinds) + 1] .. capacities[next_random(#capacities) + 1]
end
local n = 0
request = function()
  n = n + 1
  return wrk.format("GET", queries[(n % #queries) + 1])
end
