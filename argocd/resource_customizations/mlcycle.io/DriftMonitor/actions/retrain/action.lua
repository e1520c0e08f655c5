-- Asks the operator for a retrain now (mlcycle.io/retrain-request set to the time: each new value asks for one).
local os = require("os")
if obj.metadata.annotations == nil then
  obj.metadata.annotations = {}
end
obj.metadata.annotations["mlcycle.io/retrain-request"] = os.date("!%Y-%m-%dT%XZ")
return obj
