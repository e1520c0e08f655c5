-- Asks the operator to abort the rollout (mlcycle.io/rollout-action=abort; it acts once and removes the annotation).
if obj.metadata.annotations == nil then
  obj.metadata.annotations = {}
end
obj.metadata.annotations["mlcycle.io/rollout-action"] = "abort"
return obj
