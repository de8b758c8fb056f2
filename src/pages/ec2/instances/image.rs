//! EC2 → Instances → Create AMI: CreateImage of the instance, with or without a reboot.

use crate::prelude::*;
use nubo_cloud::aws::ec2::{Instance, NewImage};

form_dialog!(ImageDialog(instance: Instance) => ImageForm, |i, l| td_string!(l, ec2.create_ami_title, name = label(i)).to_string());

#[component]
fn ImageForm(scope: StoredValue<Scope>, instance: Instance, form: FormState) -> impl IntoView {
    let accounts = Accounts::expect();
    let i18n = use_i18n();
    let name = RwSignal::new(format!("{}-{}", label(&instance), crate::format::today()));
    let description = RwSignal::new(String::new());
    let no_reboot = RwSignal::new(false);
    let (region, instance_id) = (scope.with_value(|s| s.region.clone()), instance.id.clone());
    let command = Signal::derive(move || {
        Cli::new("aws ec2 create-image")
            .option("--region", &region)
            .option("--instance-id", &instance_id)
            .option("--name", &name.get())
            .option_if("--description", Some(&description.get()))
            .flag_if(no_reboot.get(), "--no-reboot")
            .line()
    });
    let instance_id = instance.id.clone();
    let submit = Callback::new(move |()| {
        let image = NewImage {
            instance_id: instance_id.clone(),
            name: name.get_untracked().trim().to_owned(),
            description: Some(description.get_untracked()).filter(|d| !d.is_empty()),
            no_reboot: no_reboot.get_untracked(),
            ..NewImage::default()
        };
        let ec2 = scope.with_value(|s| accounts.ec2(s));
        let label_text = image.name.clone();
        form.aws(
            "ec2:CreateImage",
            async move { ec2?.create_image(&image).await },
            form.taken(scope, Panel::Amis, move |id| {
                (tu_string!(i18n, ec2.ami_requested, name = &label_text), id)
            }),
        );
    });
    view! {
        <FormBody form label=tr!(i18n, ec2.create_ami) command on_submit=submit>
            <TextField label=tr!(i18n, ec2.ami_name) name="ami-name" value=name required=true />
            <TextField label=tr!(i18n, common.description_optional) name="description" value=description />
            <CheckField label=tr!(i18n, ec2.no_reboot) name="no-reboot" value=no_reboot />
        </FormBody>
    }
}
