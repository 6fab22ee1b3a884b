-- Mixed traffic for wrk over a model's own items: 60% clicks, 40% recommendations over 10,000 sessions. The item ids
-- come from the file named by the first script argument (a model directory's items.txt). Each wrk thread uses its
-- own seeded generator, so runs are comparable. done() prints the figures the reload bench reports.
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("seed", counter)
end

function init(args)
  math.randomseed(seed)
  items = {}
  for line in io.lines(args[1]) do
    items[#items + 1] = line
  end
  wrk.headers["Content-Type"] = "application/json"
end

function request()
  local session = string.format("reload-%d", math.random(1, 10000))
  if math.random() < 0.6 then
    local item = items[math.random(1, #items)]
    return wrk.format("POST", "/api/v1/click", nil, string.format('{"session_id":"%s","item_id":"%s"}', session, item))
  end
  return wrk.format("POST", "/api/v1/recommend", nil, string.format('{"session_id":"%s","k":10}', session))
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("requests %d in %.1f s (%.0f/s), non-2xx %d, socket errors %d, p50 %.2f ms, p99 %.2f ms, max %.2f ms\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6), e.status,
    e.connect + e.read + e.write + e.timeout, latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
