-- wrk script: POSTs a booking of a random 90-minute slot (starting on the hour or half
-- hour, in January-February 2027) of one of the given resources, for one of the given
-- members. Many requests collide; the server must confirm exactly one of any overlapping
-- pair (201) and refuse the others (409). Environment: BENCH_POOLING_PATH,
-- BENCH_BOOK_RESOURCES and BENCH_BOOK_MEMBERS (comma-separated ids).
local base = os.getenv("BENCH_POOLING_PATH") or "/api/v1/hubs/bench/pooling"
local function ids(text)
  local out = {}
  for id in string.gmatch(text or "", "%d+") do out[#out + 1] = id end
  return out
end
local resources = ids(os.getenv("BENCH_BOOK_RESOURCES"))
local members = ids(os.getenv("BENCH_BOOK_MEMBERS"))
local first_day = 1799020800 -- 2027-01-04 00:00 UTC

function init(args)
  -- Each wrk thread has its own Lua state: a table's address tells them apart.
  local address = tonumber(tostring({}):match("0x(%x+)") or "0", 16) or 0
  math.randomseed(os.time() + address % 1000003)
end

request = function()
  local day = first_day + math.random(0, 59) * 86400
  local start = day + math.random(0, 44) * 1800
  local date = os.date("!%Y-%m-%dT%H:%M", start)
  local finish = os.date("!%Y-%m-%dT%H:%M", start + 5400)
  local body = string.format('{"resource_id": %s, "member_id": %s, "starts_at": "%s", "ends_at": "%s"}',
                             resources[math.random(#resources)], members[math.random(#members)], date, finish)
  -- A headers table given to wrk.format replaces the command line's (-H): copy them.
  local headers = {["Content-Type"] = "application/json"}
  for name, value in pairs(wrk.headers) do headers[name] = value end
  return wrk.format("POST", base .. "/bookings", headers, body)
end
