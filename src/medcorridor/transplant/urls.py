app_name = "transplant"
urlpatterns: list = []
