-- Argo CD health of an mlcycle DriftMonitor: Healthy while it watches without drift, Progressing while it waits for
-- serving pods or a retrain runs, Degraded when drift is detected and nothing is retraining yet or it cannot watch;
-- never Healthy before the operator has seen this generation.
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
local ready = condition("Ready")
local stalled = condition("Stalled")
local drifted = condition("Drifted")
local function said(c, otherwise)
  if c ~= nil and c.message ~= nil and c.message ~= "" then return c.message end
  return otherwise
end
if stalled ~= nil and stalled.status == "True" then
  hs.status = "Degraded"
  hs.message = said(stalled, "Stalled")
elseif status.phase == "Retraining" then
  hs.status = "Progressing"
  hs.message = "Retraining: TrainingJob " .. ((status.lastRetrain or {}).trainingJob or "?")
elseif status.phase == "Drifted" or (drifted ~= nil and drifted.status == "True") then
  hs.status = "Degraded"
  hs.message = "Drift detected: " .. said(drifted, "")
elseif status.phase == "Watching" then
  hs.status = "Healthy"
  hs.message = said(drifted, said(ready, "Watching"))
else
  hs.status = "Progressing"
  hs.message = said(condition("Reconciling"), said(ready, status.phase or "Pending"))
end
return hs
