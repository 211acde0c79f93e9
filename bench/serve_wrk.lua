-- wrk script for newsdex-serve: cycles through a newsdex-bench query file
-- (CLASS<TAB>QUERY per line, # comments) as GET /api/search requests, the way
-- newsdex-bench query runs them: class 'any' with any=1, 'sorted' with
-- sort=newest, top 10 with snippets. Each wrk thread starts at a different
-- offset. Usage: wrk ... -s bench/serve_wrk.lua URL -- QUERY_FILE
local paths = {}
local next_index = 1
local thread_count = 0

local function encode(s)
  return (s:gsub("[^%w%-%._~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

function setup(thread)
  thread:set("thread_number", thread_count)
  thread_count = thread_count + 1
end

function init(args)
  local file = assert(io.open(args[1], "r"), "cannot open query file " .. tostring(args[1]))
  for line in file:lines() do
    if line ~= "" and line:sub(1, 1) ~= "#" then
      local class, query = line:match("^([^\t]+)\t(.+)$")
      assert(class, "query file line without a tab: " .. line)
      local path = "/api/search?limit=10&q=" .. encode(query)
      if class == "any" then path = path .. "&any=1" end
      if class == "sorted" then path = path .. "&sort=newest" end
      paths[#paths + 1] = path
    end
  end
  file:close()
  assert(#paths > 0, "no queries in " .. args[1])
  next_index = ((thread_number or 0) * 37) % #paths + 1
end

function request()
  local path = paths[next_index]
  next_index = next_index % #paths + 1
  return wrk.format("GET", path)
end
