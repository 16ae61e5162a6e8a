from django.contrib.admin.apps import AdminConfig


class LimberAdminConfig(AdminConfig):
    default_site = "config.admin_site.LimberAdminSite"
