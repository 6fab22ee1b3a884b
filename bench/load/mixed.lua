-- Mixed traffic for wrk: 60% clicks, 40% recommendations over 10,000 sessions and the demo shop's 1,200 items.
-- Each wrk thread uses its own seeded generator, so runs are comparable.
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("seed", counter)
end

function init(args)
  math.randomseed(seed)
  wrk.headers["Content-Type"] = "application/json"
end

function request()
  local session = string.format("load-%d", math.random(1, 10000))
  if math.random() < 0.6 then
    local item = string.format("P%05d", math.random(1, 1200))
    return wrk.format("POST", "/api/v1/click", nil, string.format('{"session_id":"%s","item_id":"%s"}', session, item))
  end
  return wrk.format("POST", "/api/v1/recommend", nil, string.format('{"session_id":"%s","k":10}', session))
end

function done(summary, latency, requests)
  io.write(string.format("requests %d, errors %d (status %d), p50 %.2f ms, p99 %.2f ms, max %.2f ms\n",
    summary.requests, summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.errors.status, latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
