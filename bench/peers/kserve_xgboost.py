"""KServe's Python model server with an xgboost model, as KServe's xgbserver wraps it (kserve.Model +
get_predict_input/get_predict_response), serving the OIP v2 REST protocol.

usage: kserve_xgboost.py MODEL_JSON NAME HTTP_PORT GRPC_PORT
"""
import sys

import kserve
import xgboost as xgb
from kserve.utils.utils import get_predict_input, get_predict_response


class XGBoostModel(kserve.Model):
    """xgbserver's model: a Booster with nthread=1 predicting on the request's first input."""

    def __init__(self, name, path):
        super().__init__(name)
        self.path = path
        self.ready = False

    def load(self):
        self.booster = xgb.Booster(params={"nthread": 1}, model_file=self.path)
        self.ready = True
        return self.ready

    def predict(self, payload, headers=None):
        instances = get_predict_input(payload)
        result = self.booster.predict(xgb.DMatrix(instances))
        return get_predict_response(payload, result, self.name)


if __name__ == "__main__":
    path, name, http_port, grpc_port = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    model = XGBoostModel(name, path)
    model.load()
    kserve.ModelServer(http_port=http_port, grpc_port=grpc_port, workers=1).start([model])
