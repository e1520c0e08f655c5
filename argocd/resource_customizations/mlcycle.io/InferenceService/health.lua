-- Argo CD health of an mlcycle InferenceService: Healthy when serving what the spec asks with nothing under way,
-- Progressing while it starts or a canary rolls out, Suspended while the canary is paused, Degraded when serving
-- failed or the last rollout was rolled back (as Argo Rollouts marks an aborted rollout); never Healthy before the
-- operator has seen this generation.
local hs = {}
local status = obj.status
local generation = obj.metadata.generation or 0
if status == nil or status.observedGeneration == nil or status.observedGeneration < generation then
  hs.status = "Progressing"
  hs.message = "Waiting for the mlcycle operator to observe generation " .. generation
  return hs
end
local function condition(kind)
  for _, c in ipairs(status.conditions or {}) do
    if c.type == kind then return c end
  end
  return nil
end
local function said(c, otherwise)
  if c ~= nil and c.message ~= nil and c.message ~= "" then return c.message end
  return otherwise
end
local ready = condition("Ready")
local stalled = condition("Stalled")
local reconciling = condition("Reconciling")
local canary = status.canary
hs.message = said(ready, status.phase or "Pending")
if stalled ~= nil and stalled.status == "True" then
  hs.status = "Degraded"
  hs.message = said(stalled, hs.message)
elseif status.phase == "Degraded" or status.phase == "Failed" then
  hs.status = "Degraded"
elseif canary ~= nil and canary.phase == "Paused" then
  hs.status = "Suspended"
elseif ready ~= nil and ready.reason == "RolledBack" then
  hs.status = "Degraded"
elseif status.phase == "Ready" and canary == nil and (reconciling == nil or reconciling.status ~= "True") then
  hs.status = "Healthy"
else
  hs.status = "Progressing"
end
return hs
