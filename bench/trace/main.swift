import QUICTrace
