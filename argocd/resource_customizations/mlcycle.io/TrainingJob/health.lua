-- Argo CD health of an mlcycle TrainingJob: never Healthy before the operator has seen this generation.
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
local function said(c, otherwise)
  if c ~= nil and c.message ~= nil and c.message ~= "" then return c.message end
  return otherwise
end
if stalled ~= nil and stalled.status == "True" then
  hs.status = "Degraded"
  hs.message = said(stalled, "Stalled")
elseif status.phase == "Succeeded" then
  hs.status = "Healthy"
  hs.message = "Trained: ModelVersion " .. (status.modelVersion or "?")
elseif status.phase == "Failed" then
  hs.status = "Degraded"
  hs.message = said(condition("Failed"), said(ready, "Training failed"))
elseif status.phase == "Suspended" then
  hs.status = "Suspended"
  hs.message = said(ready, "Suspended")
else
  hs.status = "Progressing"
  hs.message = said(condition("Reconciling"), said(ready, status.phase or "Pending"))
end
return hs
