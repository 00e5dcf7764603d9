"""torch.nn: modules (Module, Linear, Sequential, ...), their parameters, losses; functional as F."""
from . import functional
from .layers import Flatten, Identity, Linear, LogSoftmax, ReLU, Sequential, Sigmoid, Softmax, Tanh
from .loss import CrossEntropyLoss, MSELoss, NLLLoss
from .module import Module, Parameter

__all__ = ["functional", "Module", "Parameter", "Linear", "Sequential", "ReLU", "Sigmoid", "Tanh", "Identity",
           "Softmax", "LogSoftmax", "Flatten", "CrossEntropyLoss", "NLLLoss", "MSELoss"]
