-- wrk script: each request is one of several directory searches, filters and pages in turn,
-- so that the measure is not one URL repeated. Set via `wrk -s`; the hub path comes from
-- the environment (BENCH_HUB_PATH).
local hub = os.getenv("BENCH_HUB_PATH") or "/hubs/bench/members"
local queries = {}
local words = {"economie", "atelier", "cooperative", "reemploi", "jardins", "mobilite", "energie", "numerique",
               "habitat", "culture", "alimentation", "insertion", "services", "territoire", "fabrique", "solidaire"}
local forms = {"", "&legal_form=association", "&legal_form=scop&legal_form=scic", "&legal_form=sas",
               "&insertion_type=aci", "&priority_area=1"}
for i, word in ipairs(words) do
  for j, form in ipairs(forms) do
    local page = ((i + j) % 3) + 1
    queries[#queries + 1] = hub .. "?q=" .. word .. form .. "&per_page=50&page=" .. page
  end
end
local n = 0
request = function()
  n = n + 1
  return wrk.format("GET", queries[(n % #queries) + 1])
end
